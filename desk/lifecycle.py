"""The dossier lifecycle as a state machine, shared by the desk and the district.

States and actions follow real provincial practice (DOMAIN.md): received → in processing → (supplement
requested ↔ supplement received) → (awaiting the citizen's financial obligation ↔ paid) → result ready →
returned (at the desk or sent by post); or refused at the desk, refused by the processing office after
examining it (từ chối giải quyết), withdrawn by the applicant, stopped; or cancelled when it was entered
by mistake (kept and audited, never counted, its code never reused). Verification needed applies the
procedure's second limit. The apology with a new return date may be issued only once, and so may the
verification step.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from desk.errors import TransitionError

RECEIVED = "received"
IN_PROCESSING = "in_processing"
SUPPLEMENT_REQUESTED = "supplement_requested"
RESULT_READY = "result_ready"
RETURNED = "returned"
REFUSED = "refused"
WITHDRAWN = "withdrawn"
STOPPED = "stopped"
AWAITING_PAYMENT = "awaiting_payment"
REJECTED = "rejected"
CANCELLED = "cancelled"

STATUSES = (RECEIVED, IN_PROCESSING, SUPPLEMENT_REQUESTED, RESULT_READY, RETURNED, REFUSED, WITHDRAWN, STOPPED,
            AWAITING_PAYMENT, REJECTED, CANCELLED)
FINAL = frozenset({RETURNED, REFUSED, WITHDRAWN, STOPPED, REJECTED, CANCELLED})
OPEN = frozenset(STATUSES) - FINAL

STATUS_LABELS_VI = {
    RECEIVED: "Đã tiếp nhận",
    IN_PROCESSING: "Đang giải quyết",
    SUPPLEMENT_REQUESTED: "Chờ bổ sung",
    RESULT_READY: "Có kết quả",
    RETURNED: "Đã trả kết quả",
    REFUSED: "Từ chối tiếp nhận",
    WITHDRAWN: "Rút hồ sơ",
    STOPPED: "Dừng giải quyết",
    AWAITING_PAYMENT: "Chờ thực hiện nghĩa vụ tài chính",
    REJECTED: "Từ chối giải quyết",
    CANCELLED: "Đã hủy (nhập nhầm)",
}
STATUS_LABELS_EN = {
    RECEIVED: "Received",
    IN_PROCESSING: "In processing",
    SUPPLEMENT_REQUESTED: "Awaiting supplement",
    RESULT_READY: "Result ready",
    RETURNED: "Returned",
    REFUSED: "Refused",
    WITHDRAWN: "Withdrawn",
    STOPPED: "Stopped",
    AWAITING_PAYMENT: "Awaiting financial obligation",
    REJECTED: "Refused after processing",
    CANCELLED: "Cancelled (entered by mistake)",
}


@dataclass(frozen=True)
class Action:
    name: str
    label_vi: str
    label_en: str
    from_states: frozenset[str]
    to_state: str | None  # None: the state does not change (e.g. the apology, a reprint)
    owner: str  # who may record it: 'desk', 'district' or 'both' (docs/sync.md rule 7)


ACTIONS: dict[str, Action] = {
    a.name: a
    for a in (
        Action("hand_over", "Chuyển xử lý", "Hand over", frozenset({RECEIVED}), IN_PROCESSING, "both"),
        Action(
            "request_supplement",
            "Yêu cầu bổ sung",
            "Request supplement",
            frozenset({RECEIVED, IN_PROCESSING}),
            SUPPLEMENT_REQUESTED,
            "both",
        ),
        Action(
            "supplement_received",
            "Đã nhận bổ sung",
            "Supplement received",
            frozenset({SUPPLEMENT_REQUESTED}),
            None,  # back to where it was: computed from the log
            "both",
        ),
        Action("result_ready", "Có kết quả", "Result ready", frozenset({IN_PROCESSING}), RESULT_READY, "both"),
        Action(
            "apologize",
            "Xin lỗi, hẹn lại ngày trả",
            "Apology and new date",
            frozenset({RECEIVED, IN_PROCESSING, SUPPLEMENT_REQUESTED}),
            None,
            "both",
        ),
        Action("return_result", "Trả kết quả", "Return result", frozenset({RESULT_READY}), RETURNED, "desk"),
        Action("rate", "Đánh giá hài lòng", "Satisfaction", frozenset({RETURNED}), None, "desk"),
        Action(
            "withdraw",
            "Rút hồ sơ",
            "Withdraw",
            frozenset({RECEIVED, IN_PROCESSING, SUPPLEMENT_REQUESTED}),
            WITHDRAWN,
            "both",
        ),
        Action(
            "stop",
            "Dừng giải quyết",
            "Stop processing",
            frozenset({RECEIVED, IN_PROCESSING, SUPPLEMENT_REQUESTED}),
            STOPPED,
            "both",
        ),
        Action("refuse", "Từ chối tiếp nhận", "Refuse", frozenset({RECEIVED}), REFUSED, "desk"),
        Action(
            "require_verification",
            "Cần xác minh",
            "Verification needed",
            frozenset({RECEIVED, IN_PROCESSING}),
            None,  # the status stays; the procedure's second limit applies
            "both",
        ),
        Action(
            "request_payment",
            "Chờ nghĩa vụ tài chính",
            "Await payment",
            frozenset({RECEIVED, IN_PROCESSING}),
            AWAITING_PAYMENT,
            "both",
        ),
        Action(
            "payment_done",
            "Đã nộp nghĩa vụ tài chính",
            "Payment made",
            frozenset({AWAITING_PAYMENT}),
            None,  # back to where it was: computed from the log
            "both",
        ),
        Action(
            "reject",
            "Từ chối giải quyết",
            "Refuse after processing",
            frozenset({RECEIVED, IN_PROCESSING, SUPPLEMENT_REQUESTED, AWAITING_PAYMENT}),
            REJECTED,
            "both",
        ),
        Action(
            "send_by_post",
            "Gửi kết quả qua bưu chính",
            "Sent by post",
            frozenset({RESULT_READY}),
            RETURNED,
            "desk",
        ),
        Action(
            "cancel",
            "Hủy hồ sơ nhập nhầm",
            "Cancel (mistake)",
            frozenset({RECEIVED, IN_PROCESSING, SUPPLEMENT_REQUESTED, REFUSED}),
            CANCELLED,
            "desk",
        ),
    )
}

# Steps that may be taken once only: the field each one sets on the dossier.
ONCE = {"apologize": "new_due_at", "require_verification": "verification_at"}


def allowed_actions(dossier: Mapping[str, Any]) -> list[str]:
    status = str(dossier["status"])
    names = [a.name for a in ACTIONS.values() if status in a.from_states]
    names = [n for n in names if not (n in ONCE and dossier.get(ONCE[n]))]
    if not dossier.get("due_at"):
        # Not accepted yet (sent back for completion at intake): nothing was promised, so no apology,
        # no verification and no pause of a clock that has not started.
        names = [n for n in names if n not in ("apologize", "require_verification", "request_payment", "reject")]
    if "verify_limit" in dossier and not dossier.get("verify_limit"):
        names = [n for n in names if n != "require_verification"]  # the procedure has no second limit
    if dossier.get("return_place", "post") != "post":
        names = [n for n in names if n != "send_by_post"]  # offered where the slip registered the post
    if dossier.get("satisfaction"):
        names = [n for n in names if n != "rate"]
    return names


def check(action: str, dossier: Mapping[str, Any], *, origin: str = "desk") -> Action:
    """Return the action if allowed from the dossier's state; otherwise raise with a clear message."""
    spec = ACTIONS.get(action)
    if spec is None:
        raise TransitionError(f"Thao tác «{action}» không tồn tại.", code="unknown_action")
    status = str(dossier["status"])
    label = STATUS_LABELS_VI.get(status, status)
    if spec.owner not in ("both", origin):
        raise TransitionError(
            f"Thao tác «{spec.label_vi}» chỉ do {'Bộ phận Một cửa' if spec.owner == 'desk' else 'cơ quan giải quyết'} thực hiện.",
            code="not_owner",
        )
    if status not in spec.from_states:
        raise TransitionError(
            f"Không thể «{spec.label_vi}» hồ sơ {dossier.get('code', '')} đang ở trạng thái «{label}».",
            message_en=f"Cannot '{spec.label_en}' a dossier that is '{STATUS_LABELS_EN.get(status, status)}'.",
        )
    if action == "apologize" and dossier.get("new_due_at"):
        raise TransitionError(
            f"Hồ sơ {dossier.get('code', '')} đã được hẹn lại ngày trả một lần; chỉ được hẹn lại một lần.",
            code="apology_once",
            message_en="A new return date may be set only once.",
        )
    if action == "require_verification" and dossier.get("verification_at"):
        raise TransitionError(f"Hồ sơ {dossier.get('code', '')} đã được ghi «Cần xác minh»; chỉ ghi một lần.",
                              code="verification_once", message_en="Verification may be recorded only once.")
    if action in ("apologize", "require_verification", "request_payment", "reject") and "due_at" in dossier \
            and not dossier.get("due_at"):
        raise TransitionError(f"Hồ sơ {dossier.get('code', '')} chưa được tiếp nhận (chưa có ngày hẹn trả).",
                              code="not_accepted", message_en="The dossier has not been accepted yet.")
    if action == "rate" and dossier.get("satisfaction"):
        raise TransitionError("Người dân đã đánh giá hồ sơ này.", code="already_rated")
    return spec


# What an intake may leave a new dossier in: accepted, refused at the desk, or sent back to be completed.
INTAKE_STATUSES = frozenset({RECEIVED, REFUSED, SUPPLEMENT_REQUESTED})

# Steps that go back to the status before a pause (computed from the log at the desk).
RESUMING = frozenset({"supplement_received", "payment_done"})


def statuses_after(action: str, from_status: str) -> frozenset[str]:
    """Every status a dossier may hold after `action` taken from `from_status`: the one rule a status
    change must follow, whoever sends it (the district checks a desk's op with it)."""
    spec = ACTIONS.get(action)
    if spec is None or from_status not in spec.from_states:
        return frozenset()
    if spec.to_state is not None:
        return frozenset({spec.to_state})
    if action in RESUMING:
        # Back to where it was before the pause: a status the pausing step could have been taken from.
        return frozenset().union(*(a.from_states for a in ACTIONS.values() if a.to_state == from_status))
    return frozenset({from_status})


ACTION_LABELS_VI = {"receive": "Tiếp nhận", **{name: a.label_vi for name, a in ACTIONS.items()}}
