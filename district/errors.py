"""API errors: every failure reaches the desk as {"error": {code, message, message_vi, retryable}}."""

from __future__ import annotations


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, message_vi: str, *, retryable: bool = False,
                 detail: dict[str, object] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.message_vi = message_vi
        # A 4xx is the request's fault: sending the same request again gets the same answer, so it is never
        # "retryable" (the desk reacts to 401/413 by their codes: a fresh signature, a smaller batch).
        self.retryable = retryable and status >= 500
        self.detail = detail or {}  # extra fields of the error body (e.g. the counter a desk must pass)


def bad_request(code: str, message: str, message_vi: str) -> ApiError:
    return ApiError(400, code, message, message_vi)


def unauthorized(message: str = "authentication required",
                 message_vi: str = "Máy chưa được xác thực với máy chủ cấp trên; hãy đồng bộ lại.") -> ApiError:
    # Retryable: a request signed anew may pass (e.g. after an update of the desk's software).
    return ApiError(401, "unauthorized", message, message_vi, retryable=True)


def revoked() -> ApiError:
    return ApiError(
        403, "device_revoked", "this device has been revoked",
        "Máy này đã bị cấp trên thu hồi quyền đồng bộ. Dữ liệu trên máy vẫn được giữ nguyên; "
        "hãy liên hệ quản trị viên cấp trên để được cấp mã đăng ký mới.",
        retryable=False,
    )


def not_found(code: str, message: str, message_vi: str) -> ApiError:
    return ApiError(404, code, message, message_vi)


def too_many_ops(count: int, limit: int) -> ApiError:
    """413 like a too-large body, so the client halves its batch, but saying what was too many."""
    return ApiError(
        413, "too_many_ops", f"{count} ops in one push; at most {limit} are accepted",
        f"Một lần gửi có {count} thay đổi, nhiều hơn giới hạn {limit}; máy sẽ tự chia nhỏ và gửi lại.",
        retryable=True,
    )


def too_large(limit: int) -> ApiError:
    return ApiError(
        413, "too_large", f"request body exceeds {limit} bytes",
        f"Gói dữ liệu gửi lên quá lớn (giới hạn {limit // 1024} KB); máy sẽ tự chia nhỏ và gửi lại.",
        retryable=True,
    )
