"""Refresh the English translation: collect strings with pyside6-lupdate, fill the English text kept
here for strings the .ts does not translate yet, and build the .qm with pyside6-lrelease.

    python -m ui.tools.translations          # after changing strings in ui/
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from ui.i18n import TRANSLATIONS_DIR

UI_DIR = Path(__file__).resolve().parent.parent
TS = TRANSLATIONS_DIR / "desk_en.ts"
QM = TRANSLATIONS_DIR / "desk_en.qm"
# Files of other issues (sync widgets, task runner, launcher) keep their own strings.
SOURCES = ("app.py", "common.py", "context.py", "dossier_desk.py", "i18n.py", "intake.py", "login.py",
           "main_window.py", "printing.py", "returns.py", "settings_page.py")

EN = {
    " (đã hẹn lại; hẹn cũ {0})": " (new date set; previously {0})",
    " (đã sửa lỗi mã hóa của máy quét)": " (scanner encoding repaired)",
    "(máy in mặc định của Windows/hệ thống)": "(system default printer)",
    "1 — Rất hài lòng": "1 — Very satisfied",
    "2 — Hài lòng": "2 — Satisfied",
    "3 — Không hài lòng": "3 — Dissatisfied",
    "<b>Người nhận kết quả:</b> {0}; bản chính trả lại: {1}": "<b>Collected by:</b> {0}; originals returned: {1}",
    "<b>Người nộp:</b> {0} · CCCD {1} · ĐT {2}": "<b>Applicant:</b> {0} · ID {1} · Tel {2}",
    "<b>Thủ tục:</b> {0}": "<b>Procedure:</b> {0}",
    "<b>Tiếp nhận:</b> {0} ({1}) · <b>Hẹn trả:</b> {2}{3}": "<b>Received:</b> {0} ({1}) · <b>Due:</b> {2}{3}",
    "<b>{0}</b> ({1})<br>Thời hạn: {2}. Phí, lệ phí: {3}": "<b>{0}</b> ({1})<br>Time limit: {2}. Fees: {3}",
    "<b>{0}</b> — {1}<br><b>Người nộp:</b> {2} · CCCD {3}<br><b>Thủ tục:</b> {4}<br><b>Hẹn trả:</b> {5} · "
    "<b>Có kết quả:</b> {6}": "<b>{0}</b> — {1}<br><b>Applicant:</b> {2} · ID {3}<br><b>Procedure:</b> {4}<br>"
    "<b>Due:</b> {5} · <b>Result ready:</b> {6}",
    "<b>Đánh giá:</b> {0}": "<b>Rating:</b> {0}",
    "A4": "A4",
    "A5": "A5",
    "Bản chính": "Originals",
    "Bản chính khác đã trả lại (nếu có)": "Other originals returned (if any)",
    "Bản chính trả lại": "Originals returned",
    "Bỏ ngày đã chọn": "Remove the selected day",
    "Bộ phận Một cửa": "One-stop desk",
    "Bộ phận Một cửa — {0}": "One-stop desk — {0}",
    "Bộ phận giải quyết": "Processing unit",
    "Bộ phận tiếp nhận và trả kết quả": "Reception and results desk",
    "Báo cáo": "Reports",
    "Chưa chọn hồ sơ.": "No dossier selected.",
    "Chưa chọn thủ tục.": "No procedure chosen.",
    "Chưa khai báo máy chủ cấp trên": "No upstream server configured",
    "Chưa lưu: hãy sửa các ô báo đỏ.": "Not saved: fix the fields marked in red.",
    "Chỉ quản trị viên được mở phần Cài đặt.": "Only an administrator may open Settings.",
    "Chỉ được hẹn lại một lần. Hẹn cũ: {0}": "A new date may be set only once. Current date: {0}",
    "Chọn một hồ sơ trong danh sách.": "Select a dossier in the list.",
    "Chờ bổ sung": "Awaiting supplement",
    "Chờ gửi lên cấp trên: {0} thay đổi": "Waiting to send upstream: {0} changes",
    "Chức năng «{0}» chưa có trong bản này; sẽ có khi phần đó hoàn thành.":
        "“{0}” is not in this version yet; it comes when that part is finished.",
    "Chứng thực": "Certified",
    "Cài đặt": "Settings",
    "Các buổi làm việc, dạng GG:PP-GG:PP, cách nhau bằng dấu phẩy. Hồ sơ nhận ngoài giờ được tính từ giờ mở "
    "cửa kế tiếp.": "Working sessions as HH:MM-HH:MM, separated by commas. A dossier received outside them "
    "counts from the next opening.",
    "Cán bộ: {0}": "Officer: {0}",
    "Có kết quả, chờ trả": "Result ready, to return",
    "Có {0} hồ sơ khớp «{1}»: hãy nhập đủ mã hồ sơ.": "{0} dossiers match “{1}”: type the full code.",
    "Công dân đã nộp {0} hồ sơ tại đây; thông tin liên hệ lấy từ lần trước.":
        "Returning citizen: {0} dossiers here before; contact details taken from the last one.",
    "Cơ quan": "Office",
    "Cơ quan cấp trên": "Upstream office",
    "CẢNH BÁO: mã kiểm tra trên giấy hẹn KHÔNG khớp — giấy hẹn có thể đã bị sửa hoặc không do cơ quan này cấp. "
    "Đối chiếu giấy tờ tùy thân và sổ theo dõi trước khi trả kết quả.":
        "WARNING: the slip's check tag does NOT match — the slip may have been altered or not issued by this "
        "office. Check the ID papers and the register before returning the result.",
    "Cảm ơn Ông/Bà. Đã ghi đánh giá cho hồ sơ {0}.": "Thank you. Rating recorded for dossier {0}.",
    "Danh mục thủ tục": "Procedure catalogue",
    "Esc — người dân không đánh giá": "Esc — the citizen declines to rate",
    "Ghi chú": "Note",
    "Ghi chú (nếu có)": "Note (optional)",
    "Ghi nhận (Enter)": "Record (Enter)",
    "Ghi nhận «{0}» cho hồ sơ này?": "Record “{0}” for this dossier?",
    "Ghi và in phiếu (Ctrl+Enter)": "Record and print (Ctrl+Enter)",
    "Giao kết quả": "Hand over the result",
    "Giấy cuộn 80 mm": "80 mm roll",
    "Giấy hẹn hợp lệ: mã kiểm tra khớp với mã hồ sơ.": "Genuine slip: the check tag matches the code.",
    "Giấy tiếp nhận và hẹn trả kết quả {0}": "Receipt and appointment slip {0}",
    "Giấy tờ cần bổ sung, hoàn thiện:": "Documents to add or complete:",
    "Giấy tờ cần bổ sung:": "Documents to add:",
    "Giấy tờ khác": "Other document",
    "Giấy tờ khác (mỗi loại cách nhau bằng dấu ;)": "Other documents (separate with ;)",
    "Giới tính": "Gender",
    "Giờ làm việc": "Office hours",
    "Giờ nhận trong ngày (trả trong ngày)": "Same-day cut-off time",
    "Gõ tên hoặc mã thủ tục (không cần dấu), Enter để chọn": "Type a procedure name or code, Enter to pick",
    "Hai lần nhập mật khẩu không giống nhau.": "The two passwords differ.",
    "Hãy chọn một ngày trong danh sách ngày cơ quan khai báo.": "Select a day in the office's own list.",
    "Hãy chọn một thủ tục trong bảng.": "Select a procedure in the table.",
    "Hẹn trả": "Due",
    "Hẹn trả kết quả:": "Result due:",
    "Họ tên quản trị viên (*)": "Administrator's full name (*)",
    "Họ và tên": "Full name",
    "Hồ sơ": "Dossiers",
    "Hồ sơ chưa được ghi: hãy sửa các ô báo đỏ.": "The dossier was not saved: fix the fields marked in red.",
    "Hồ sơ đang ở trạng thái «{0}»: chưa thể trả kết quả.": "The dossier is “{0}”: its result cannot be returned yet.",
    "In lại": "Print again",
    "In lại biểu mẫu… (Ctrl+P)": "Reprint a form… (Ctrl+P)",
    "In lỗi: {0} — {1}": "Print failed: {0} — {1}",
    "In lỗi: {0} — {1} Hồ sơ đã được lưu.": "Print failed: {0} — {1} The dossier is saved.",
    "Khai báo lần đầu": "First-time set-up",
    "Không có thay đổi chờ gửi": "Nothing waiting to be sent",
    "Không thấy tệp cần in: {0}": "File to print not found: {0}",
    "Không thể «{0}» hồ sơ đang ở trạng thái «{1}».": "Cannot “{0}” a dossier that is “{1}”.",
    "Không tìm thấy máy in «{0}». Hãy chọn máy in trong Cài đặt rồi in lại.":
        "Printer “{0}” not found. Choose a printer in Settings, then print again.",
    "Không đọc được mã QR trên thẻ: {0}": "Could not read the card's QR: {0}",
    "Kết quả đã trả ngày {0}; người dân chưa đánh giá.": "Result returned {0}; the citizen has not rated yet.",
    "Loại": "Kind",
    "Loại / hình thức": "Type / channel",
    "Làm mới (Ctrl+N)": "New (Ctrl+N)",
    "Làm việc": "Working day",
    "Làm việc không cần mạng; dữ liệu được giữ trên máy này.": "Working offline; data is kept on this PC.",
    "Lý do": "Reason",
    "Lý do chậm trả kết quả": "Reason for the delay",
    "Lý do từ chối (bắt buộc):": "Reason for refusal (required):",
    "Lý do:": "Reason:",
    "Lưu cài đặt in và ngôn ngữ": "Save printing and language",
    "Lưu giờ làm việc": "Save office hours",
    "Lưu thay đổi của cơ quan cho thủ tục này": "Save the office's values for this procedure",
    "Lưu thông tin cơ quan": "Save office profile",
    "Lưu và bắt đầu": "Save and start",
    "Lịch nghỉ, làm bù": "Days off, make-up days",
    "Lọc": "Filter",
    "Lỗi không mong đợi: {0}": "Unexpected error: {0}",
    "Máy chủ: {0}": "Server: {0}",
    "Máy in báo lỗi khi kết thúc bản in.": "The printer reported an error at the end of the job.",
    "Máy in dừng giữa chừng.": "The printer stopped half-way.",
    "Máy in không nhận lệnh in (máy tắt, hết giấy hoặc kẹt giấy?).":
        "The printer refused the job (off, out of paper or jammed?).",
    "Máy in và ngôn ngữ": "Printer and language",
    "Máy này chưa có thông tin cơ quan. Hãy khai báo cơ quan và tài khoản quản trị (dùng để đăng nhập và cài "
    "đặt).": "This PC has no office profile yet. Enter the office and an administrator account (to log in "
    "and change settings).",
    "Máy tính chưa có máy in nào. Hãy cài máy in rồi in lại.": "This PC has no printer. Install one, then print again.",
    "Mã": "Code",
    "Mã hồ sơ": "Dossier code",
    "Mã hồ sơ nhập tay: hãy đối chiếu giấy hẹn và giấy tờ tùy thân.":
        "Code typed by hand: compare the slip and the ID papers.",
    "Mã quét được không phải mã QR của giấy hẹn.": "The scanned code is not a slip QR.",
    "Mã định danh cơ quan": "Agency code",
    "Mã định danh cơ quan (*)": "Agency code (*)",
    "Mật khẩu": "Password",
    "Mật khẩu (*)": "Password (*)",
    "NN/TT/NNNN": "DD/MM/YYYY",
    "NN/TT/NNNN GG:PP": "DD/MM/YYYY HH:MM",
    "Nghỉ": "Day off",
    "Ngày": "Day",
    "Ngày cơ quan tự khai báo": "Days set by the office",
    "Ngày hẹn trả": "Return date",
    "Ngày hẹn trả mới": "New return date",
    "Ngày hẹn trả: NN/TT/NNNN GG:PP": "Return date: DD/MM/YYYY HH:MM",
    "Ngày làm bù (thứ Bảy, Chủ nhật đi làm)": "Make-up working days (weekends worked)",
    "Ngày nghỉ trong tuần (lễ, Tết, nghỉ bù, cơ quan bổ sung)": "Weekdays off (holidays, Tết, substitutes, office days)",
    "Ngày nhận": "Received",
    "Ngày sinh": "Date of birth",
    "Ngôn ngữ mới có hiệu lực từ lần mở phần mềm sau.": "A new language applies from the next start.",
    "Người dân không đánh giá.": "The citizen declined to rate.",
    "Người nhận kết quả": "Collected by",
    "Người nhận xử lý": "Handler",
    "Người nộp": "Applicant",
    "Người nộp hồ sơ": "Applicant",
    "Người được ủy quyền nộp thay (nếu có)": "Authorised person submitting (if any)",
    "Nhận kết quả tại": "Collect result at",
    "Nhận trước giờ": "Cut-off",
    "Nhập lại mật khẩu (*)": "Repeat password (*)",
    "Năm": "Year",
    "Nơi thường trú": "Permanent address",
    "Nộp thay": "Submitted by",
    "Phiếu từ chối {0}": "Refusal notice {0}",
    "Phiếu yêu cầu bổ sung {0}": "Supplement request {0}",
    "Photo": "Copies",
    "Phí, lệ phí": "Fees",
    "Quyển sổ theo dõi số": "Register book no.",
    "Quá hạn": "Overdue",
    "Quá trình xử lý": "History",
    "Quét mã QR trên giấy hẹn, hoặc gõ mã hồ sơ / 4 số cuối rồi Enter":
        "Scan the slip's QR, or type the code / its last 4 digits, then Enter",
    "Quét mã QR trên thẻ căn cước ở bất kỳ đâu trong cửa sổ để điền thông tin người nộp.":
        "Scan the ID card's QR anywhere in the window to fill in the applicant.",
    "Số CCCD/định danh": "Personal ID no.",
    "Số bộ": "Sets",
    "Số giấy tờ người nộp thay": "Their ID no.",
    "Thay đổi cũ nhất chờ gửi từ {0}.": "Oldest unsent change from {0}.",
    "Thành phần hồ sơ": "Document",
    "Thành phần hồ sơ nộp": "Documents handed in",
    "Thêm / sửa ngày": "Add / change day",
    "Thêm giấy tờ khác": "Add another document",
    "Thông tư 01/2018 (số mẫu cũ)": "Circular 01/2018 (old numbers)",
    "Thông tư 03/2025 (mẫu 01–07)": "Circular 03/2025 (forms 01–07)",
    "Thư điện tử": "Email",
    "Thời hạn (ngày)": "Limit (days)",
    "Thời hạn chưa xác nhận: nhập ngày hẹn trả →": "Time limit unconfirmed: enter the return date →",
    "Thời hạn giải quyết (ngày làm việc)": "Time limit (working days)",
    "Thủ tục": "Procedure",
    "Thủ tục hành chính": "Administrative procedure",
    "Tiếp công dân": "Citizen reception",
    "Tiếp nhận": "Intake",
    "Tiếp nhận hôm nay": "Received today",
    "Tiếp nhận hồ sơ": "Dossier intake",
    "Tiếp nhận và in giấy hẹn (Ctrl+Enter)": "Receive and print slip (Ctrl+Enter)",
    "Trạng thái": "Status",
    "Trạng thái kết nối do phần Đồng bộ báo.": "The Sync part reports the connection state.",
    "Trả kết quả": "Return results",
    "Trả kết quả (Ctrl+Enter)": "Return result (Ctrl+Enter)",
    "Tên cơ quan": "Office name",
    "Tên cơ quan (*)": "Office name (*)",
    "Tên thủ tục": "Procedure name",
    "Tên đăng nhập": "User name",
    "Tên đăng nhập quản trị (*)": "Administrator user name (*)",
    "Tìm theo mã hồ sơ, số CCCD, điện thoại, tên (Ctrl+F)": "Search by code, ID no., phone, name (Ctrl+F)",
    "Tìm thủ tục (không cần dấu)": "Search procedures",
    "Tất cả": "All",
    "Tệp cần in không có trang nào.": "The file to print has no pages.",
    "Tỉnh/thành phố": "Province/city",
    "Từ chối tiếp nhận": "Refused",
    "Từ chối tiếp nhận hồ sơ (mẫu 03)": "Refuse the dossier (form 03)",
    "Từ chối — mẫu 03 (Ctrl+Shift+R)": "Refuse — form 03 (Ctrl+Shift+R)",
    "Xem trước khi in": "Preview before printing",
    "Yêu cầu bổ sung hồ sơ (mẫu 02)": "Request a supplement (form 02)",
    "Yêu cầu bổ sung — mẫu 02 (Ctrl+B)": "Supplement — form 02 (Ctrl+B)",
    "chưa xác nhận — cán bộ nhập ngày hẹn": "unconfirmed — the officer enters the date",
    "chủ nhật": "Sunday",
    "cách nhau bằng dấu ;": "separate with ;",
    "làm việc": "working day",
    "nghỉ": "day off",
    "thời hạn chưa xác nhận": "limit unconfirmed",
    "thứ ba": "Tuesday",
    "thứ bảy": "Saturday",
    "thứ hai": "Monday",
    "thứ năm": "Thursday",
    "thứ sáu": "Friday",
    "thứ tư": "Wednesday",
    "trong ngày": "same day",
    "{0} (không thấy trên máy này)": "{0} (not found on this PC)",
    "{0} ({1})": "{0} ({1})",
    "{0} bản in lỗi — In lại": "{0} failed prints — Retry",
    "{0} hồ sơ": "{0} dossiers",
    "{0} ngày": "{0} days",
    "{0} ngày làm việc": "{0} working days",
    "{0} — hồ sơ {1}": "{0} — dossier {1}",
    " · {0} cần xem lại": " · {0} need attention",
    "Ông/Bà có hài lòng với việc giải quyết hồ sơ không? Bấm một phím:":
        "Are you satisfied with how your dossier was handled? Press one key:",
    "Đang ghi hồ sơ…": "Saving the dossier…",
    "Đang giải quyết": "In processing",
    "Đang in lại: {0}…": "Printing again: {0}…",
    "Đang in: {0}…": "Printing: {0}…",
    "Điện thoại": "Phone",
    "Đánh số biểu mẫu": "Form numbering",
    "Đã bỏ ngày {0:%d/%m/%Y}.": "Removed {0:%d/%m/%Y}.",
    "Đã ghi ngày {0:%d/%m/%Y}.": "Saved {0:%d/%m/%Y}.",
    "Đã ghi từ chối tiếp nhận hồ sơ {0} (mẫu 03).": "Refusal of dossier {0} recorded (form 03).",
    "Đã ghi yêu cầu bổ sung hồ sơ {0} (mẫu 02).": "Supplement request for dossier {0} recorded (form 02).",
    "Đã ghi «{0}» cho hồ sơ {1}.": "Recorded “{0}” for dossier {1}.",
    "Đã in: {0}.": "Printed: {0}.",
    "Đã lưu cài đặt in và ngôn ngữ.": "Printing and language saved.",
    "Đã lưu giờ làm việc.": "Office hours saved.",
    "Đã lưu thông tin cơ quan.": "Office profile saved.",
    "Đã lưu thủ tục {0}; lần cập nhật danh mục sau vẫn giữ giá trị này.":
        "Procedure {0} saved; later catalogue updates keep these values.",
    "Đã tiếp nhận hồ sơ {0} của {1}. Hẹn trả: {2}.": "Dossier {0} of {1} received. Due: {2}.",
    "Đã trả kết quả": "Returned",
    "Đã trả kết quả hồ sơ {0} cho {1}.": "Result of dossier {0} handed to {1}.",
    "Đã đọc thẻ căn cước của {0}{1}. Hãy đối chiếu với thẻ.": "Read the ID card of {0}{1}. Compare with the card.",
    "Đăng nhập": "Log in",
    "Đăng nhập — Bộ phận Một cửa": "Log in — One-stop desk",
    "Đến hạn hôm nay": "Due today",
    "Địa chỉ": "Address",
    "Địa chỉ tra cứu hồ sơ": "Dossier lookup URL",
    "Địa chỉ tra cứu hồ sơ (in trong mã QR)": "Lookup URL (printed in the QR)",
    "Địa danh ghi trên biểu mẫu": "Place name on forms",
    "để trống = chưa xác nhận (cán bộ nhập ngày hẹn)": "empty = unconfirmed (the officer enters the date)",
    "Đồng bộ": "Sync",
    "Xem trước: {0}": "Preview: {0}",
    "In (Enter)": "Print (Enter)",
    "Huỷ (Esc)": "Cancel (Esc)",
    "Đã huỷ in.": "Printing cancelled.",
    "Chưa in: {0} (đã huỷ). Hồ sơ đã được lưu.": "Not printed: {0} (cancelled). The dossier is saved.",
    "Công dân": "Citizen",
    "Doanh nghiệp": "Business",
    "Cơ quan nhà nước": "State agency",
    "Tổ chức khác": "Other organisation",
    "Trực tiếp": "In person",
    "Trực tuyến": "Online",
    "Bưu chính công ích": "Public post",
    "Qua dịch vụ bưu chính": "By post",
    "Rất hài lòng": "Very satisfied",
    "Hài lòng": "Satisfied",
    "Không hài lòng": "Dissatisfied",
    "Giấy tiếp nhận và hẹn trả kết quả (01)": "Receipt and appointment slip (01)",
    "Phiếu yêu cầu bổ sung hồ sơ (02)": "Supplement request (02)",
    "Phiếu từ chối tiếp nhận (03)": "Refusal notice (03)",
    "Phiếu xin lỗi và hẹn lại ngày trả (04)": "Apology and new date (04)",
    "Thông báo dừng giải quyết (05)": "Notice of stopping (05)",
    "Phiếu kiểm soát quá trình giải quyết (06)": "Processing control sheet (06)",
}


def update() -> list[str]:
    """Run lupdate, fill translations, run lrelease; return the sources still untranslated."""
    subprocess.run(["pyside6-lupdate", *[str(UI_DIR / s) for s in SOURCES], "-ts", str(TS), "-no-obsolete",
                    "-source-language", "vi", "-target-language", "en"], check=True, capture_output=True)
    tree = ET.parse(TS)
    missing = []
    for message in tree.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        if source in EN:
            translation.text = EN[source]
            translation.attrib.pop("type", None)
        elif not translation.text:
            missing.append(source)
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    subprocess.run(["pyside6-lrelease", str(TS), "-qm", str(QM)], check=True, capture_output=True)
    return missing


if __name__ == "__main__":
    left = update()
    for s in left:
        print("untranslated:", s)
    sys.exit(1 if left else 0)
