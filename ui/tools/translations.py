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
SOURCES = ("action_dialog.py", "app.py", "common.py", "context.py", "dossier_desk.py", "first_run.py", "i18n.py",
           "intake.py", "limit_dialog.py", "login.py", "main_window.py", "operations.py", "print_worker.py", "printing.py", "returns.py",
           "settings_page.py", "sync_panel.py", "sync_status.py", "widgets.py")

EN = {
    'Bị từ chối': 'Rejected',
    'Xung đột': 'Conflict',
    'Đang giữ lại': 'Held back',
    'Chưa đồng bộ': 'Not synced',
    'Đã đồng bộ': 'Synced',
    'Đăng ký máy này với máy chủ cấp trên': 'Enrol this PC with the district server',
    'mã dùng một lần do cấp trên cấp': 'one-time code from the district',
    'Đăng ký': 'Enrol',
    'Địa chỉ máy chủ': 'Server address',
    'Mã đăng ký': 'Enrollment code',
    'Đồng bộ ngay': 'Sync now',
    'Dừng': 'Stop',
    'Hồ sơ và trạng thái đồng bộ': 'Dossiers and their sync state',
    'Lỗi và xung đột cần xử lý': 'Errors and conflicts to settle',
    'Vấn đề': 'Problem',
    'Cần làm gì': 'What to do',
    'Theo trạng thái của cấp trên': "Take the district's status",
    'Đã thống nhất với cấp trên: lấy trạng thái cấp trên cho hồ sơ này.': "Agreed with the district: take the district's status for this dossier.",
    'Giữ trạng thái tại Một cửa': "Keep the desk's status",
    'Đã thống nhất với cấp trên: giữ trạng thái đang có tại Một cửa.': 'Agreed with the district: keep the status the desk has.',
    'Gửi lại hồ sơ bị từ chối': 'Send the rejected dossier again',
    'Khi cấp trên báo đã khắc phục nguyên nhân: gửi lại hồ sơ đang chọn.': 'When the district says the cause is fixed: send the selected dossier again.',
    'Chốt sổ ngày': 'Close the day',
    'Chưa chốt sổ.': 'Day not closed.',
    'Hãy nhập địa chỉ máy chủ và mã đăng ký do cấp trên cấp.': 'Enter the server address and the enrollment code from the district.',
    'Đang đăng ký với cấp trên…': 'Enrolling with the district…',
    'Đã đăng ký. Máy sẽ tự đồng bộ với cấp trên.': 'Enrolled. This PC will now sync with the district by itself.',
    'Đang đồng bộ với cấp trên…': 'Syncing with the district…',
    'Đang dừng…': 'Stopping…',
    'Đang đối chiếu với cấp trên…': 'Checking the day with the district…',
    'Hãy chọn một dòng hồ sơ bị từ chối trong danh sách.': 'Select a rejected dossier in the list.',
    'Đã xếp {0} thay đổi để gửi lại; bấm «Đồng bộ ngay».': '{0} changes queued to send again; press “Sync now”.',
    'Hãy chọn một dòng xung đột trong danh sách.': 'Select a conflict in the list.',
    'Đã thống nhất với cấp trên': 'Settled with the district',
    'Đồng bộ chưa xong: {0}': 'Sync not finished: {0}',
    'Máy sẽ tự thử lại.': 'It will retry by itself.',
    '✔ Đã chốt sổ, khớp với cấp trên. {0}': '✔ Day closed and matched with the district. {0}',
    '✘ Chưa khớp. {0}': '✘ Not matched. {0}',
    'Đã đối chiếu sổ ngày {0} với cấp trên.': 'The day {0} was checked against the district.',
    'Chưa đối chiếu được sổ ngày {0} với cấp trên.': 'The day {0} could not be checked against the district.',
    'Một cửa: «{0}» · Cấp trên: «{1}». Liên hệ cấp trên để thống nhất, rồi đánh dấu đã xử lý.': 'Desk: “{0}” · District: “{1}”. Agree with the district, then mark it settled.',
    'Không đọc được trạng thái đồng bộ': 'Could not read the sync state',
    'Chưa đăng ký đồng bộ': 'Not enrolled for sync',
    'Đã bị thu hồi quyền đồng bộ': 'Sync permission revoked',
    'Chưa đồng bộ lần nào': 'Never synced',
    '● Trực tuyến': '● Online',
    '○ Mất kết nối': '○ Offline',
    'Chờ gửi: {0}': 'Waiting to send: {0}',
    'Đồng bộ lần cuối: {0}': 'Last sync: {0}',
    'chưa có': 'never',
    'Thử lại lúc: {0}': 'Retry at: {0}',
    " (đã sửa lỗi mã hóa của máy quét)": " (scanner encoding repaired)",
    "(máy in mặc định của Windows/hệ thống)": "(system default printer)",
    "1 — Rất hài lòng": "1 — Very satisfied",
    "2 — Hài lòng": "2 — Satisfied",
    "3 — Không hài lòng": "3 — Dissatisfied",
    "<b>Người nhận kết quả:</b> {0}; bản chính trả lại: {1}": "<b>Collected by:</b> {0}; originals returned: {1}",
    "<b>Người nộp:</b> {0} · CCCD {1} · ĐT {2}": "<b>Applicant:</b> {0} · ID {1} · Tel {2}",
    "<b>Thủ tục:</b> {0}": "<b>Procedure:</b> {0}",
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
    "Đã xảy ra lỗi không mong muốn; chi tiết đã được ghi vào nhật ký.":
        "Something unexpected went wrong; the details were written to the log.",
    "Chưa ghi được: hãy sửa các ô báo đỏ.": "Not saved: correct the fields marked in red.",
    "In lỗi: {0} — {1} Hồ sơ đã được lưu.": "Print failed: {0} — {1} The dossier is saved.",
    "Khai báo lần đầu": "First-time set-up",
    "Không có thay đổi chờ gửi": "Nothing waiting to be sent",
    "Không thấy tệp cần in: {0}": "File to print not found: {0}",
    "Không thể «{0}» hồ sơ đang ở trạng thái «{1}».": "Cannot “{0}” a dossier that is “{1}”.",
    "Không tìm thấy máy in «{0}». Hãy chọn máy in trong Cài đặt rồi in lại.":
        "Printer “{0}” not found. Choose a printer in Settings, then print again.",
    "Không đọc được mã QR trên thẻ: {0}": "Could not read the card's QR: {0}",
    "Không khởi động được bộ phận in của chương trình. Hãy bấm «In lại»; nếu vẫn lỗi, hãy khởi động lại chương trình.":
        "The program's print worker could not start. Press “Print again”; if it still fails, restart the program.",
    "Máy in không trả lời sau {0} giây nên lệnh in đã bị dừng. Hãy kiểm tra máy in rồi bấm «In lại».":
        "The printer did not answer for {0} seconds, so the print was stopped. Check the printer, then press “Print again”.",
    "Bộ phận in của chương trình bị dừng đột ngột khi đang in (có thể do trình điều khiển máy in). Hồ sơ không bị ảnh hưởng; hãy bấm «In lại».":
        "The program's print worker stopped suddenly while printing (perhaps the printer driver). The dossier is not affected; press “Print again”.",
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
    "Ngày hẹn trả": "Return date",
    "Ngày hẹn trả mới": "New return date",
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
    "chủ nhật": "Sunday",
    "cách nhau bằng dấu ;": "separate with ;",
    "làm việc": "working day",
    "nghỉ": "day off",
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
    " Đã điền theo lần nộp trước: hãy đối chiếu với thẻ.": " Filled in from the last visit: compare with the card.",
    "Máy quét làm hỏng mã QR ở: {0}. Hãy nhập các ô báo đỏ theo thẻ.":
        "The scanner damaged the QR code in: {0}. Type the fields marked red from the card.",
    "Đăng nhập": "Log in",
    "Đăng nhập — Bộ phận Một cửa": "Log in — One-stop desk",
    "Đến hạn hôm nay": "Due today",
    "Địa chỉ": "Address",
    "Địa chỉ tra cứu hồ sơ": "Dossier lookup URL",
    "Địa chỉ tra cứu hồ sơ (in trong mã QR)": "Lookup URL (printed in the QR)",
    "Địa danh ghi trên biểu mẫu": "Place name on forms",
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
    # The first-run wizard (ui/first_run.py) and the version in the status bar.
    "Khai báo lần đầu — Bộ phận Một cửa": "First run — one-stop desk",
    "Tài khoản quản trị": "Administrator account",
    "Máy in và khổ giấy": "Printer and paper",
    "Máy chủ cấp trên (không bắt buộc)": "District server (optional)",
    "Cấp trên (tùy chọn)": "District (optional)",
    "&Quay lại": "&Back",
    "&Bỏ qua, làm sau": "S&kip, do it later",
    "Thông tin cơ quan": "The office",
    "Những thông tin này in trên giấy hẹn và mọi biểu mẫu. Sửa được sau trong Cài đặt.":
        "This is printed on the appointment slip and every form. It can be changed later in Settings.",
    "ví dụ: UBND xã Tân Lập": "e.g. UBND xã Tân Lập",
    "Tỉnh/thành phố (*)": "Province/city (*)",
    "gõ vài chữ, không cần dấu: thai nguyen": "type a few letters, no diacritics needed: thai nguyen",
    "Tên bộ phận tiếp nhận": "Name of the reception unit",
    "Các buổi làm việc GG:PP-GG:PP, cách nhau bằng dấu phẩy.": "Working sessions as HH:MM-HH:MM, separated by commas.",
    "Người quản trị đăng nhập để cài đặt và tạo tài khoản cho các cán bộ khác. Hãy ghi nhớ mật khẩu: phần mềm không gửi mật khẩu đi đâu.":
        "The administrator logs in to change settings and create the other officers' accounts. Remember the "
        "password: the software never sends it anywhere.",
    "Tên đăng nhập (*)": "User name (*)",
    "Họ tên (*)": "Full name (*)",
    "Đã tạo tài khoản quản trị. Bấm Tiếp tục.": "The administrator account is created. Press Continue.",
    "Chọn máy in giấy hẹn và khổ giấy, rồi in thử một trang để xem chữ có dấu, lề giấy và mã QR.":
        "Choose the slip printer and the paper, then print a test page to check the Vietnamese letters, the "
        "margins and the QR code.",
    "Máy in": "Printer",
    "Khổ giấy": "Paper",
    "&In thử một trang": "Print a test &page",
    "Phần mềm làm việc không cần mạng ngay từ bây giờ. Khi cấp trên đã cấp địa chỉ máy chủ và mã đăng ký dùng một lần, nhập vào đây để máy tự đồng bộ; nếu chưa có, bấm «Bỏ qua, làm sau» (đăng ký sau ở trang Đồng bộ).":
        "The desk works without a network from now on. When the district has given you its server address and "
        "a one-time enrollment code, enter them here and this PC will sync by itself; otherwise press “Skip, "
        "do it later” (enrol later on the Sync page).",
    "Đăng ký và hoàn tất (Enter)": "Enrol and finish (Enter)",
    "Tiếp tục (Enter)": "Continue (Enter)",
    "Mã do UBND tỉnh cấp (Quyết định 20/2020/QĐ-TTg); là phần đầu của mọi mã hồ sơ trên Cổng dịch vụ công của tỉnh.":
        "Issued by the province (Decision 20/2020/QĐ-TTg); it is the first part of every dossier code on the "
        "province's public-service portal.",
    "Mã hồ sơ đầu tiên hôm nay sẽ là: {0}": "Today's first dossier code will be: {0}",
    "Chỉ gồm chữ số, chữ in hoa A–Z và dấu chấm, ví dụ 000.00.07.H56.":
        "Digits, capital letters A–Z and dots only, e.g. 000.00.07.H56.",
    "Máy này chưa có máy in nào được nối với phần mềm.": "No printer is connected to the software on this PC.",
    "Trang in thử": "Test page",
    "Đang in thử…": "Printing the test page…",
    "máy in mặc định": "the default printer",
    "Đã gửi trang in thử tới «{0}». Xem tờ giấy: chữ có dấu rõ, đường kẻ in đủ, máy quét đọc được mã QR.":
        "The test page went to “{0}”. Check the sheet: Vietnamese letters sharp, the rule printed in full, the "
        "scanner reads the QR code.",
    "Chưa in được: {0}": "Not printed: {0}",
    "Phiên bản {0}": "Version {0}",
    "Tải tại: {0}": "Download: {0}",
    "Hỏi quản trị cấp trên bộ cài mới.": "Ask the district administrator for the new installer.",
    "Có phiên bản mới {0} (máy này: {1})": "New version {0} available (this PC: {1})",
    "Cài đè lên bản cũ; dữ liệu được giữ và tự sao lưu trước khi nâng cấp. {0}":
        "Install it over the old one; the data is kept and backed up before the upgrade. {0}",
    'Chỉ được hẹn lại một lần. Ngày hẹn trả đã hứa: {0} — vẫn là ngày dùng để tính đúng hạn hay quá hạn.':
        'A new date may be set only once. The promised date, {0}, is still the one lateness is judged against.',
    'Thời hạn khi cần xác minh: {0}, tính từ khi tiếp nhận. Giấy hẹn được in lại với ngày hẹn mới.':
        'Limit when verification is needed: {0}, counted from receipt. The slip is printed again with the new date.',
    'Nội dung cần xác minh': 'What must be verified',
    'Nghĩa vụ tài chính (thuế, phí…)': 'Financial obligation (taxes, fees…)',
    'Thời hạn tạm dừng cho đến khi người nộp thực hiện xong.': 'The clock stops until the applicant has paid.',
    'Ghi chú (số biên lai, chứng từ)': 'Note (receipt or voucher number)',
    'Thời hạn chạy tiếp; giấy hẹn được in lại với ngày hẹn mới.':
        'The clock runs again; the slip is printed again with the new date.',
    'Số hiệu bưu gửi': 'Postal tracking number',
    'Bưu cục nhận gửi': 'Post office',
    'Chỉ dùng khi hồ sơ bị nhập nhầm. Hồ sơ được giữ lại và ghi nhật ký, không tính vào báo cáo; mã hồ sơ không được dùng lại.':
        'Only for a dossier entered by mistake. It is kept and audited, never counted in reports; its code is never reused.',
    'Lý do hủy': 'Reason for cancelling',
    'Chờ nghĩa vụ tài chính': 'Awaiting financial obligation',
    'Từ chối giải quyết': 'Refused after processing',
    'Đã hủy (nhập nhầm)': 'Cancelled (entered by mistake)',
    '<b>Tiếp nhận:</b> {0} ({1})': '<b>Received:</b> {0} ({1})',
    '<b>Hẹn trả:</b> {0} ({1}){2}': '<b>Due:</b> {0} ({1}){2}',
    '<b>Hẹn lại (phiếu xin lỗi):</b> {0} — không thay ngày hẹn đã hứa':
        '<b>New date (apology):</b> {0} — beside the promised date, not in its place',
    '<b>Sổ theo dõi:</b> quyển {0}, số thứ tự {1}': '<b>Register:</b> book {0}, line {1}',
    '{0} — cấp lại với ngày hẹn mới {1}': '{0} — issued again with the new date {1}',
    '{0} — bản {1} (hẹn trả {2})': '{0} — issue {1} (due {2})',
    'Hẹn trả: {0}; hẹn lại (phiếu xin lỗi): {1}': 'Due: {0}; new date (apology): {1}',
    'Khai báo thời hạn… (Ctrl+J)': 'State the time limit… (Ctrl+J)',
    'chưa có thời hạn': 'no time limit yet',
    'chưa có — cán bộ khai báo một lần cho thủ tục': 'none yet — the officer states it once for the procedure',
    'Thủ tục chưa có thời hạn: khai báo một lần →': 'The procedure has no time limit: state it once →',
    'Đã lưu thời hạn của thủ tục {0}; các hồ sơ sau dùng lại.':
        'Time limit of procedure {0} saved; later dossiers use it.',
    'Thời hạn giải quyết — thủ tục {0}': 'Time limit — procedure {0}',
    '<b>{0}</b><br>Nguồn của danh mục chưa cho thời hạn dùng được. Hãy khai báo thời hạn theo quy định của tỉnh; phần mềm dùng nó cho mọi hồ sơ sau của thủ tục này và ghi là thời hạn do cơ quan xác định.':
        "<b>{0}</b><br>The catalogue's sources give no usable time limit. State the limit the province sets; the desk uses it for every later dossier of this procedure and records it as set by the office.",
    'Danh mục ghi: {0}': 'The catalogue says: {0}',
    'Thời hạn giải quyết (*)': 'Time limit (*)',
    'ví dụ: 03 ngày làm việc · Trong ngày · 04 giờ làm việc · 15 ngày':
        'e.g. 03 ngày làm việc · Trong ngày · 04 giờ làm việc · 15 ngày',
    'Khi cần xác minh': 'When verification is needed',
    'ví dụ: 08 ngày làm việc (để trống nếu không có)': 'e.g. 08 ngày làm việc (leave empty if none)',
    'Nhận sau giờ này thì tính từ ngày làm việc sau':
        'Received after this time: counted from the next working day',
    'Ghi như danh mục: «Trong ngày» (kèm giờ giới hạn nếu có), «0,5 ngày làm việc», «04 giờ làm việc», «03 ngày làm việc», hoặc «15 ngày» (ngày theo lịch: ngày cuối rơi vào ngày nghỉ thì chuyển sang ngày làm việc tiếp theo).':
        'Write it as catalogues do: “Trong ngày” (same day, with its cutoff if any), “0,5 ngày làm việc”, “04 giờ làm việc”, “03 ngày làm việc”, or “15 ngày” (calendar days: a last day off moves to the next working day).',
    'Lưu cho thủ tục này (Enter)': 'Save for this procedure (Enter)',
    ' (hẹn lại {0})': ' (new date {0})',
    'Ngày điều chỉnh: theo văn bản (kèm nguồn), cấp trên công bố, cơ quan khai báo':
        'Adjusted days: by decree (with its source), published by the district, set by the office',
    'như danh mục ghi: Trong ngày · 0,5 ngày làm việc · 04 giờ làm việc · 03 ngày làm việc · 15 ngày':
        'as catalogues write it: Trong ngày · 0,5 ngày làm việc · 04 giờ làm việc · 03 ngày làm việc · 15 ngày',
    'ví dụ 08 ngày làm việc; để trống nếu không có': 'e.g. 08 ngày làm việc; leave empty if none',
    'Thời hạn giải quyết': 'Time limit',
    'Thời hạn khi cần xác minh': 'Time limit when verification is needed',
    'để trống = giờ làm việc cả năm; ví dụ 15/04: 07:00-11:30,13:30-17:00; 15/10: 07:30-11:30,13:00-16:30':
        'empty = the same hours all year; e.g. 15/04: 07:00-11:30,13:30-17:00; 15/10: 07:30-11:30,13:00-16:30',
    'Lưu giờ theo mùa và cách tính thời hạn': 'Save seasonal hours and how the clock counts',
    'Đã lưu giờ làm việc theo mùa và cách tính thời hạn.': 'Seasonal hours and the clock setting saved.',
    'văn bản': 'decree',
    'Ngày {0:%d/%m/%Y} do văn bản quy định; để sửa, thêm ngày đó với loại khác (cơ quan khai báo được ưu tiên).':
        "{0:%d/%m/%Y} is set by a decree; to correct it, add that day with the other kind (the office's days take precedence).",
    ' (cơ quan)': ' (office)',
    'Thông báo từ chối giải quyết': 'Notice of refusal after processing',
    'Thời hạn': 'Deadline',
    'cấp trên': 'district',
    'cơ quan': 'office',
    'tạm dừng thời hạn': 'pause the clock',
    'tính lại thời hạn từ đầu': 'restart the clock',
    'Tạm dừng: phần thời hạn còn lại chạy tiếp khi nhận đủ hồ sơ bổ sung. Tính lại từ đầu: cả thời hạn tính lại từ khi nhận đủ hồ sơ (khi quy định của ngành nói vậy).':
        'Pause: the time left runs on once the supplement is complete. Restart: the whole limit counts again from '
        'the complete dossier (where the sector’s rules say so).',
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
