<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="vi">
<context>
    <name>ActionDialog</name>
    <message>
        <location filename="../../ui/dossier_desk.py" line="133" />
        <source>{0} — hồ sơ {1}</source>
        <translation>{0} — dossier {1}</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="157" />
        <source>Bộ phận giải quyết</source>
        <translation>Processing unit</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="158" />
        <source>Người nhận xử lý</source>
        <translation>Handler</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="160" />
        <source>Giấy tờ cần bổ sung:</source>
        <translation>Documents to add:</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="167" />
        <source>Giấy tờ khác</source>
        <translation>Other document</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="167" />
        <source>cách nhau bằng dấu ;</source>
        <translation>separate with ;</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="168" />
        <location filename="../../ui/dossier_desk.py" line="176" />
        <source>Lý do</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="170" />
        <source>Lý do chậm trả kết quả</source>
        <translation>Reason for the delay</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="171" />
        <source>Ngày hẹn trả mới</source>
        <translation>New return date</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="171" />
        <source>NN/TT/NNNN GG:PP</source>
        <translation>DD/MM/YYYY HH:MM</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="172" />
        <source>Chỉ được hẹn lại một lần. Hẹn cũ: {0}</source>
        <translation>A new date may be set only once. Current date: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="178" />
        <source>Ghi nhận «{0}» cho hồ sơ này?</source>
        <translation>Record “{0}” for this dossier?</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="185" />
        <source>Huỷ (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="186" />
        <source>Ghi nhận (Enter)</source>
        <translation>Record (Enter)</translation>
    </message>
</context>
<context>
    <name>Common</name>
    <message>
        <location filename="../../ui/common.py" line="35" />
        <source>Lỗi không mong đợi: {0}</source>
        <translation>Unexpected error: {0}</translation>
    </message>
</context>
<context>
    <name>DeskApp</name>
    <message>
        <location filename="../../ui/app.py" line="120" />
        <source>Chức năng «{0}» chưa có trong bản này; sẽ có khi phần đó hoàn thành.</source>
        <translation>“{0}” is not in this version yet; it comes when that part is finished.</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="121" />
        <location filename="../../ui/app.py" line="129" />
        <source>Tiếp nhận</source>
        <translation>Intake</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="121" />
        <location filename="../../ui/app.py" line="130" />
        <source>Hồ sơ</source>
        <translation>Dossiers</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="121" />
        <location filename="../../ui/app.py" line="131" />
        <source>Trả kết quả</source>
        <translation>Return results</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="122" />
        <source>Tiếp công dân</source>
        <translation>Citizen reception</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="122" />
        <source>Báo cáo</source>
        <translation>Reports</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="123" />
        <location filename="../../ui/app.py" line="141" />
        <source>Đồng bộ</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="123" />
        <location filename="../../ui/app.py" line="135" />
        <location filename="../../ui/app.py" line="137" />
        <source>Cài đặt</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="137" />
        <source>Chỉ quản trị viên được mở phần Cài đặt.</source>
        <translation>Only an administrator may open Settings.</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="217" />
        <source>Máy chủ: {0}</source>
        <translation>Server: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="218" />
        <source>Trạng thái kết nối do phần Đồng bộ báo.</source>
        <translation>The Sync part reports the connection state.</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="220" />
        <source>Chưa khai báo máy chủ cấp trên</source>
        <translation>No upstream server configured</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="221" />
        <source>Làm việc không cần mạng; dữ liệu được giữ trên máy này.</source>
        <translation>Working offline; data is kept on this PC.</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="224" />
        <source>Chờ gửi lên cấp trên: {0} thay đổi</source>
        <translation>Waiting to send upstream: {0} changes</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="225" />
        <source>Thay đổi cũ nhất chờ gửi từ {0}.</source>
        <translation>Oldest unsent change from {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="227" />
        <source>Không có thay đổi chờ gửi</source>
        <translation>Nothing waiting to be sent</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="229" />
        <source> · {0} cần xem lại</source>
        <translation> · {0} need attention</translation>
    </message>
</context>
<context>
    <name>DeskLabels</name>
    <message>
        <location filename="../../ui/i18n.py" line="62" />
        <source>Công dân</source>
        <translation>Citizen</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="62" />
        <source>Doanh nghiệp</source>
        <translation>Business</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="63" />
        <source>Cơ quan nhà nước</source>
        <translation>State agency</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="63" />
        <source>Tổ chức khác</source>
        <translation>Other organisation</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="64" />
        <source>Trực tiếp</source>
        <translation>In person</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="64" />
        <source>Trực tuyến</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="65" />
        <source>Bưu chính công ích</source>
        <translation>Public post</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="65" />
        <source>Bộ phận Một cửa</source>
        <translation>One-stop desk</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="66" />
        <source>Qua dịch vụ bưu chính</source>
        <translation>By post</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="66" />
        <source>Rất hài lòng</source>
        <translation>Very satisfied</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="67" />
        <source>Hài lòng</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="67" />
        <source>Không hài lòng</source>
        <translation>Dissatisfied</translation>
    </message>
</context>
<context>
    <name>DossierDeskPage</name>
    <message>
        <location filename="../../ui/dossier_desk.py" line="243" />
        <source>Hồ sơ</source>
        <translation>Dossiers</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="249" />
        <source>Tất cả</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="249" />
        <source>Tiếp nhận hôm nay</source>
        <translation>Received today</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="250" />
        <source>Đang giải quyết</source>
        <translation>In processing</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="250" />
        <source>Đến hạn hôm nay</source>
        <translation>Due today</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="251" />
        <source>Quá hạn</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="251" />
        <source>Có kết quả, chờ trả</source>
        <translation>Result ready, to return</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="252" />
        <source>Đã trả kết quả</source>
        <translation>Returned</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="252" />
        <source>Từ chối tiếp nhận</source>
        <translation>Refused</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="253" />
        <source>Chờ bổ sung</source>
        <translation>Awaiting supplement</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="259" />
        <source>Lọc</source>
        <translation>Filter</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="263" />
        <source>Tìm theo mã hồ sơ, số CCCD, điện thoại, tên (Ctrl+F)</source>
        <translation>Search by code, ID no., phone, name (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="294" />
        <location filename="../../ui/dossier_desk.py" line="394" />
        <source>Chọn một hồ sơ trong danh sách.</source>
        <translation>Select a dossier in the list.</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="302" />
        <source>Quá trình xử lý</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="322" />
        <source>In lại biểu mẫu… (Ctrl+P)</source>
        <translation>Reprint a form… (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="365" />
        <source>{0} hồ sơ</source>
        <translation>{0} dossiers</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="406" />
        <source> (đã hẹn lại; hẹn cũ {0})</source>
        <translation> (new date set; previously {0})</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="410" />
        <source>&lt;b&gt;Người nộp:&lt;/b&gt; {0} · CCCD {1} · ĐT {2}</source>
        <translation>&lt;b&gt;Applicant:&lt;/b&gt; {0} · ID {1} · Tel {2}</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="412" />
        <source>&lt;b&gt;Thủ tục:&lt;/b&gt; {0}</source>
        <translation>&lt;b&gt;Procedure:&lt;/b&gt; {0}</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="413" />
        <source>&lt;b&gt;Tiếp nhận:&lt;/b&gt; {0} ({1}) · &lt;b&gt;Hẹn trả:&lt;/b&gt; {2}{3}</source>
        <translation>&lt;b&gt;Received:&lt;/b&gt; {0} ({1}) · &lt;b&gt;Due:&lt;/b&gt; {2}{3}</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="418" />
        <source>&lt;b&gt;Người nhận kết quả:&lt;/b&gt; {0}; bản chính trả lại: {1}</source>
        <translation>&lt;b&gt;Collected by:&lt;/b&gt; {0}; originals returned: {1}</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="421" />
        <source>&lt;b&gt;Đánh giá:&lt;/b&gt; {0}</source>
        <translation>&lt;b&gt;Rating:&lt;/b&gt; {0}</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="437" />
        <source>Chưa chọn hồ sơ.</source>
        <translation>No dossier selected.</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="441" />
        <source>Không thể «{0}» hồ sơ đang ở trạng thái «{1}».</source>
        <translation>Cannot “{0}” a dossier that is “{1}”.</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="460" />
        <source>Đã ghi «{0}» cho hồ sơ {1}.</source>
        <translation>Recorded “{0}” for dossier {1}.</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="466" />
        <location filename="../../ui/dossier_desk.py" line="490" />
        <source>{0} — hồ sơ {1}</source>
        <translation>{0} — dossier {1}</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="472" />
        <source>In lỗi: {0} — {1}</source>
        <translation>Print failed: {0} — {1}</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="473" />
        <source>In lại</source>
        <translation>Print again</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="491" />
        <source>Đang in: {0}…</source>
        <translation>Printing: {0}…</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="495" />
        <source>Đã in: {0}.</source>
        <translation>Printed: {0}.</translation>
    </message>
</context>
<context>
    <name>DossierTableModel</name>
    <message>
        <location filename="../../ui/dossier_desk.py" line="69" />
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="69" />
        <source>Người nộp</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="69" />
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="69" />
        <source>Ngày nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="70" />
        <source>Hẹn trả</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="70" />
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../ui/login.py" line="95" />
        <source>Khai báo lần đầu</source>
        <translation>First-time set-up</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="98" />
        <source>Máy này chưa có thông tin cơ quan. Hãy khai báo cơ quan và tài khoản quản trị (dùng để đăng nhập và cài đặt).</source>
        <translation>This PC has no office profile yet. Enter the office and an administrator account (to log in and change settings).</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="104" />
        <source>Tên cơ quan (*)</source>
        <translation>Office name (*)</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="105" />
        <source>Mã định danh cơ quan (*)</source>
        <translation>Agency code (*)</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="106" />
        <source>Tỉnh/thành phố</source>
        <translation>Province/city</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="107" />
        <source>Cơ quan cấp trên</source>
        <translation>Upstream office</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="108" />
        <source>Địa chỉ</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="109" />
        <source>Địa danh ghi trên biểu mẫu</source>
        <translation>Place name on forms</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="110" />
        <source>Điện thoại</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="111" />
        <source>Địa chỉ tra cứu hồ sơ</source>
        <translation>Dossier lookup URL</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="112" />
        <source>Tên đăng nhập quản trị (*)</source>
        <translation>Administrator user name (*)</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="113" />
        <source>Họ tên quản trị viên (*)</source>
        <translation>Administrator's full name (*)</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="114" />
        <source>Mật khẩu (*)</source>
        <translation>Password (*)</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="115" />
        <source>Nhập lại mật khẩu (*)</source>
        <translation>Repeat password (*)</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="137" />
        <source>Lưu và bắt đầu</source>
        <translation>Save and start</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="146" />
        <source>Hai lần nhập mật khẩu không giống nhau.</source>
        <translation>The two passwords differ.</translation>
    </message>
</context>
<context>
    <name>IntakePage</name>
    <message>
        <location filename="../../ui/intake.py" line="207" />
        <source>Tiếp nhận hồ sơ</source>
        <translation>Dossier intake</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="211" />
        <source>Quét mã QR trên thẻ căn cước ở bất kỳ đâu trong cửa sổ để điền thông tin người nộp.</source>
        <translation>Scan the ID card's QR anywhere in the window to fill in the applicant.</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="225" />
        <source>Người nộp hồ sơ</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="232" />
        <source>Số CCCD/định danh</source>
        <translation>Personal ID no.</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="233" />
        <source>Họ và tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="234" />
        <source>Ngày sinh</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="235" />
        <source>Giới tính</source>
        <translation>Gender</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="236" />
        <source>Nơi thường trú</source>
        <translation>Permanent address</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="237" />
        <source>Điện thoại</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="238" />
        <source>Thư điện tử</source>
        <translation>Email</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="253" />
        <source>NN/TT/NNNN</source>
        <translation>DD/MM/YYYY</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="273" />
        <source>Loại / hình thức</source>
        <translation>Type / channel</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="276" />
        <source>Người được ủy quyền nộp thay (nếu có)</source>
        <translation>Authorised person submitting (if any)</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="278" />
        <source>Nộp thay</source>
        <translation>Submitted by</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="282" />
        <source>Số giấy tờ người nộp thay</source>
        <translation>Their ID no.</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="289" />
        <source>Thủ tục hành chính</source>
        <translation>Administrative procedure</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="302" />
        <source>Gõ tên hoặc mã thủ tục (không cần dấu), Enter để chọn</source>
        <translation>Type a procedure name or code, Enter to pick</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="307" />
        <location filename="../../ui/intake.py" line="712" />
        <source>Chưa chọn thủ tục.</source>
        <translation>No procedure chosen.</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="314" />
        <source>Thành phần hồ sơ nộp</source>
        <translation>Documents handed in</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="318" />
        <source>Thành phần hồ sơ</source>
        <translation>Document</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="318" />
        <source>Bản chính</source>
        <translation>Originals</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="319" />
        <source>Chứng thực</source>
        <translation>Certified</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="319" />
        <source>Photo</source>
        <translation>Copies</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="334" />
        <source>Thêm giấy tờ khác</source>
        <translation>Add another document</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="338" />
        <source>Số bộ</source>
        <translation>Sets</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="343" />
        <source>Nhận kết quả tại</source>
        <translation>Collect result at</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="358" />
        <source>Hẹn trả kết quả:</source>
        <translation>Result due:</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="365" />
        <source>Ngày hẹn trả: NN/TT/NNNN GG:PP</source>
        <translation>Return date: DD/MM/YYYY HH:MM</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="374" />
        <source>Ghi chú (nếu có)</source>
        <translation>Note (optional)</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="383" />
        <source>Làm mới (Ctrl+N)</source>
        <translation>New (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="385" />
        <source>Từ chối — mẫu 03 (Ctrl+Shift+R)</source>
        <translation>Refuse — form 03 (Ctrl+Shift+R)</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="387" />
        <source>Yêu cầu bổ sung — mẫu 02 (Ctrl+B)</source>
        <translation>Supplement — form 02 (Ctrl+B)</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="389" />
        <source>Tiếp nhận và in giấy hẹn (Ctrl+Enter)</source>
        <translation>Receive and print slip (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="440" />
        <source>Không đọc được mã QR trên thẻ: {0}</source>
        <translation>Could not read the card's QR: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="451" />
        <source> (đã sửa lỗi mã hóa của máy quét)</source>
        <translation> (scanner encoding repaired)</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="452" />
        <source>Đã đọc thẻ căn cước của {0}{1}. Hãy đối chiếu với thẻ.</source>
        <translation>Read the ID card of {0}{1}. Compare with the card.</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="475" />
        <source>Công dân đã nộp {0} hồ sơ tại đây; thông tin liên hệ lấy từ lần trước.</source>
        <translation>Returning citizen: {0} dossiers here before; contact details taken from the last one.</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="486" />
        <location filename="../../ui/intake.py" line="509" />
        <source>trong ngày</source>
        <translation>same day</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="486" />
        <source>{0} ngày</source>
        <translation>{0} days</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="487" />
        <source>thời hạn chưa xác nhận</source>
        <translation>limit unconfirmed</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="509" />
        <source>{0} ngày làm việc</source>
        <translation>{0} working days</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="510" />
        <source>chưa xác nhận — cán bộ nhập ngày hẹn</source>
        <translation>unconfirmed — the officer enters the date</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="512" />
        <source>&lt;b&gt;{0}&lt;/b&gt; ({1})&lt;br&gt;Thời hạn: {2}. Phí, lệ phí: {3}</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt; ({1})&lt;br&gt;Time limit: {2}. Fees: {3}</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="536" />
        <source>Giấy tờ khác</source>
        <translation>Other document</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="570" />
        <source>Thời hạn chưa xác nhận: nhập ngày hẹn trả →</source>
        <translation>Time limit unconfirmed: enter the return date →</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="575" />
        <source>{0} ({1})</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="590" />
        <source>Ngày hẹn trả</source>
        <translation>Return date</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="638" />
        <source>Đang ghi hồ sơ…</source>
        <translation>Saving the dossier…</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="651" />
        <source>Hồ sơ chưa được ghi: hãy sửa các ô báo đỏ.</source>
        <translation>The dossier was not saved: fix the fields marked in red.</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="664" />
        <source>Đã tiếp nhận hồ sơ {0} của {1}. Hẹn trả: {2}.</source>
        <translation>Dossier {0} of {1} received. Due: {2}.</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="666" />
        <source>Giấy tiếp nhận và hẹn trả kết quả {0}</source>
        <translation>Receipt and appointment slip {0}</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="668" />
        <source>Đã ghi yêu cầu bổ sung hồ sơ {0} (mẫu 02).</source>
        <translation>Supplement request for dossier {0} recorded (form 02).</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="669" />
        <source>Phiếu yêu cầu bổ sung {0}</source>
        <translation>Supplement request {0}</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="671" />
        <source>Đã ghi từ chối tiếp nhận hồ sơ {0} (mẫu 03).</source>
        <translation>Refusal of dossier {0} recorded (form 03).</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="672" />
        <source>Phiếu từ chối {0}</source>
        <translation>Refusal notice {0}</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="680" />
        <source>Đang in: {0}…</source>
        <translation>Printing: {0}…</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="685" />
        <source>Đã in: {0}.</source>
        <translation>Printed: {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="687" />
        <source>Chưa in: {0} (đã huỷ). Hồ sơ đã được lưu.</source>
        <translation>Not printed: {0} (cancelled). The dossier is saved.</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="691" />
        <source>In lỗi: {0} — {1} Hồ sơ đã được lưu.</source>
        <translation>Print failed: {0} — {1} The dossier is saved.</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="688" />
        <location filename="../../ui/intake.py" line="692" />
        <source>In lại</source>
        <translation>Print again</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="695" />
        <source>Đang in lại: {0}…</source>
        <translation>Printing again: {0}…</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../ui/i18n.py" line="52" />
        <source>Tiếp nhận</source>
        <translation>Intake</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/login.py" line="33" />
        <source>Đăng nhập — Bộ phận Một cửa</source>
        <translation>Log in — One-stop desk</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="40" />
        <source>Bộ phận tiếp nhận và trả kết quả</source>
        <translation>Reception and results desk</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="47" />
        <source>Tên đăng nhập</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="48" />
        <source>Mật khẩu</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="54" />
        <source>Đăng nhập</source>
        <translation>Log in</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="40" />
        <source>Bộ phận Một cửa</source>
        <translation>One-stop desk</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="147" />
        <source>Cán bộ: {0}</source>
        <translation>Officer: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="149" />
        <source>Bộ phận Một cửa — {0}</source>
        <translation>One-stop desk — {0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="161" />
        <source>{0} bản in lỗi — In lại</source>
        <translation>{0} failed prints — Retry</translation>
    </message>
</context>
<context>
    <name>OutcomeDialog</name>
    <message>
        <location filename="../../ui/intake.py" line="133" />
        <source>Yêu cầu bổ sung hồ sơ (mẫu 02)</source>
        <translation>Request a supplement (form 02)</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="134" />
        <source>Từ chối tiếp nhận hồ sơ (mẫu 03)</source>
        <translation>Refuse the dossier (form 03)</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="139" />
        <source>Giấy tờ cần bổ sung, hoàn thiện:</source>
        <translation>Documents to add or complete:</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="148" />
        <source>Giấy tờ khác (mỗi loại cách nhau bằng dấu ;)</source>
        <translation>Other documents (separate with ;)</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="150" />
        <source>Lý do:</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="150" />
        <source>Lý do từ chối (bắt buộc):</source>
        <translation>Reason for refusal (required):</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="160" />
        <source>Huỷ (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="161" />
        <source>Ghi và in phiếu (Ctrl+Enter)</source>
        <translation>Record and print (Ctrl+Enter)</translation>
    </message>
</context>
<context>
    <name>PreviewDialog</name>
    <message>
        <location filename="../../ui/printing.py" line="317" />
        <source>Xem trước: {0}</source>
        <translation>Preview: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="333" />
        <source>Huỷ (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="334" />
        <source>In (Enter)</source>
        <translation>Print (Enter)</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <location filename="../../ui/printing.py" line="149" />
        <source>Không tìm thấy máy in «{0}». Hãy chọn máy in trong Cài đặt rồi in lại.</source>
        <translation>Printer “{0}” not found. Choose a printer in Settings, then print again.</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="151" />
        <source>Máy tính chưa có máy in nào. Hãy cài máy in rồi in lại.</source>
        <translation>This PC has no printer. Install one, then print again.</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="112" />
        <source>Không thấy tệp cần in: {0}</source>
        <translation>File to print not found: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="116" />
        <source>Tệp cần in không có trang nào.</source>
        <translation>The file to print has no pages.</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="128" />
        <source>Máy in không nhận lệnh in (máy tắt, hết giấy hoặc kẹt giấy?).</source>
        <translation>The printer refused the job (off, out of paper or jammed?).</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="135" />
        <source>Máy in dừng giữa chừng.</source>
        <translation>The printer stopped half-way.</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="138" />
        <source>Máy in báo lỗi khi kết thúc bản in.</source>
        <translation>The printer reported an error at the end of the job.</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="295" />
        <source>Đã huỷ in.</source>
        <translation>Printing cancelled.</translation>
    </message>
    <message>
        <location filename="../../ui/print_worker.py" line="199" />
        <source>Không khởi động được bộ phận in của chương trình. Hãy bấm «In lại»; nếu vẫn lỗi, hãy khởi động lại chương trình.</source>
        <translation>The program's print worker could not start. Press “Print again”; if it still fails, restart the program.</translation>
    </message>
    <message>
        <location filename="../../ui/print_worker.py" line="208" />
        <source>Máy in không trả lời sau {0} giây nên lệnh in đã bị dừng. Hãy kiểm tra máy in rồi bấm «In lại».</source>
        <translation>The printer did not answer for {0} seconds, so the print was stopped. Check the printer, then press “Print again”.</translation>
    </message>
    <message>
        <location filename="../../ui/print_worker.py" line="223" />
        <source>Bộ phận in của chương trình bị dừng đột ngột khi đang in (có thể do trình điều khiển máy in). Hồ sơ không bị ảnh hưởng; hãy bấm «In lại».</source>
        <translation>The program's print worker stopped suddenly while printing (perhaps the printer driver). The dossier is not affected; press “Print again”.</translation>
    </message>
</context>
<context>
    <name>RatingPanel</name>
    <message>
        <location filename="../../ui/returns.py" line="44" />
        <source>Ông/Bà có hài lòng với việc giải quyết hồ sơ không? Bấm một phím:</source>
        <translation>Are you satisfied with how your dossier was handled? Press one key:</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="49" />
        <source>1 — Rất hài lòng</source>
        <translation>1 — Very satisfied</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="49" />
        <source>2 — Hài lòng</source>
        <translation>2 — Satisfied</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="49" />
        <source>3 — Không hài lòng</source>
        <translation>3 — Dissatisfied</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="60" />
        <source>Esc — người dân không đánh giá</source>
        <translation>Esc — the citizen declines to rate</translation>
    </message>
</context>
<context>
    <name>ReturnPage</name>
    <message>
        <location filename="../../ui/returns.py" line="84" />
        <source>Trả kết quả</source>
        <translation>Return results</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="90" />
        <source>Quét mã QR trên giấy hẹn, hoặc gõ mã hồ sơ / 4 số cuối rồi Enter</source>
        <translation>Scan the slip's QR, or type the code / its last 4 digits, then Enter</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="92" />
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="107" />
        <source>Giao kết quả</source>
        <translation>Hand over the result</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="112" />
        <source>Người nhận kết quả</source>
        <translation>Collected by</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="117" />
        <source>Bản chính trả lại</source>
        <translation>Originals returned</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="120" />
        <source>Bản chính khác đã trả lại (nếu có)</source>
        <translation>Other originals returned (if any)</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="123" />
        <source>Trả kết quả (Ctrl+Enter)</source>
        <translation>Return result (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="167" />
        <source>Giấy hẹn hợp lệ: mã kiểm tra khớp với mã hồ sơ.</source>
        <translation>Genuine slip: the check tag matches the code.</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="170" />
        <source>CẢNH BÁO: mã kiểm tra trên giấy hẹn KHÔNG khớp — giấy hẹn có thể đã bị sửa hoặc không do cơ quan này cấp. Đối chiếu giấy tờ tùy thân và sổ theo dõi trước khi trả kết quả.</source>
        <translation>WARNING: the slip's check tag does NOT match — the slip may have been altered or not issued by this office. Check the ID papers and the register before returning the result.</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="175" />
        <source>Mã quét được không phải mã QR của giấy hẹn.</source>
        <translation>The scanned code is not a slip QR.</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="177" />
        <source>Mã hồ sơ nhập tay: hãy đối chiếu giấy hẹn và giấy tờ tùy thân.</source>
        <translation>Code typed by hand: compare the slip and the ID papers.</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="184" />
        <source>Có {0} hồ sơ khớp «{1}»: hãy nhập đủ mã hồ sơ.</source>
        <translation>{0} dossiers match “{1}”: type the full code.</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="244" />
        <source>&lt;b&gt;{0}&lt;/b&gt; — {1}&lt;br&gt;&lt;b&gt;Người nộp:&lt;/b&gt; {2} · CCCD {3}&lt;br&gt;&lt;b&gt;Thủ tục:&lt;/b&gt; {4}&lt;br&gt;&lt;b&gt;Hẹn trả:&lt;/b&gt; {5} · &lt;b&gt;Có kết quả:&lt;/b&gt; {6}</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt; — {1}&lt;br&gt;&lt;b&gt;Applicant:&lt;/b&gt; {2} · ID {3}&lt;br&gt;&lt;b&gt;Procedure:&lt;/b&gt; {4}&lt;br&gt;&lt;b&gt;Due:&lt;/b&gt; {5} · &lt;b&gt;Result ready:&lt;/b&gt; {6}</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="231" />
        <source>Kết quả đã trả ngày {0}; người dân chưa đánh giá.</source>
        <translation>Result returned {0}; the citizen has not rated yet.</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="236" />
        <source>Hồ sơ đang ở trạng thái «{0}»: chưa thể trả kết quả.</source>
        <translation>The dossier is “{0}”: its result cannot be returned yet.</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="274" />
        <source>Đã trả kết quả hồ sơ {0} cho {1}.</source>
        <translation>Result of dossier {0} handed to {1}.</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="301" />
        <source>Cảm ơn Ông/Bà. Đã ghi đánh giá cho hồ sơ {0}.</source>
        <translation>Thank you. Rating recorded for dossier {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="310" />
        <source>Người dân không đánh giá.</source>
        <translation>The citizen declined to rate.</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../ui/settings_page.py" line="53" />
        <source>Cài đặt</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="61" />
        <source>Cơ quan</source>
        <translation>Office</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="62" />
        <location filename="../../ui/settings_page.py" line="156" />
        <source>Giờ làm việc</source>
        <translation>Office hours</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="63" />
        <source>Máy in và ngôn ngữ</source>
        <translation>Printer and language</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="64" />
        <source>Lịch nghỉ, làm bù</source>
        <translation>Days off, make-up days</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="65" />
        <source>Danh mục thủ tục</source>
        <translation>Procedure catalogue</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="88" />
        <source>Chưa lưu: hãy sửa các ô báo đỏ.</source>
        <translation>Not saved: fix the fields marked in red.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="105" />
        <source>Tên cơ quan</source>
        <translation>Office name</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="105" />
        <source>Mã định danh cơ quan</source>
        <translation>Agency code</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="106" />
        <source>Tỉnh/thành phố</source>
        <translation>Province/city</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="106" />
        <source>Cơ quan cấp trên</source>
        <translation>Upstream office</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="107" />
        <source>Địa chỉ</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="107" />
        <source>Địa danh ghi trên biểu mẫu</source>
        <translation>Place name on forms</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="108" />
        <source>Điện thoại</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="108" />
        <source>Địa chỉ tra cứu hồ sơ (in trong mã QR)</source>
        <translation>Lookup URL (printed in the QR)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="109" />
        <source>Quyển sổ theo dõi số</source>
        <translation>Register book no.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="120" />
        <source>Thông tư 03/2025 (mẫu 01–07)</source>
        <translation>Circular 03/2025 (forms 01–07)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="121" />
        <source>Thông tư 01/2018 (số mẫu cũ)</source>
        <translation>Circular 01/2018 (old numbers)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="123" />
        <source>Đánh số biểu mẫu</source>
        <translation>Form numbering</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="124" />
        <source>Lưu thông tin cơ quan</source>
        <translation>Save office profile</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="145" />
        <source>Đã lưu thông tin cơ quan.</source>
        <translation>Office profile saved.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="154" />
        <source>Các buổi làm việc, dạng GG:PP-GG:PP, cách nhau bằng dấu phẩy. Hồ sơ nhận ngoài giờ được tính từ giờ mở cửa kế tiếp.</source>
        <translation>Working sessions as HH:MM-HH:MM, separated by commas. A dossier received outside them counts from the next opening.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="157" />
        <source>Lưu giờ làm việc</source>
        <translation>Save office hours</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="167" />
        <source>Đã lưu giờ làm việc.</source>
        <translation>Office hours saved.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="178" />
        <source>A4</source>
        <translation>A4</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="178" />
        <source>A5</source>
        <translation>A5</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="178" />
        <source>Giấy cuộn 80 mm</source>
        <translation>80 mm roll</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="183" />
        <source>Xem trước khi in</source>
        <translation>Preview before printing</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="194" />
        <source>Ngôn ngữ mới có hiệu lực từ lần mở phần mềm sau.</source>
        <translation>A new language applies from the next start.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="195" />
        <source>Lưu cài đặt in và ngôn ngữ</source>
        <translation>Save printing and language</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="209" />
        <source>(máy in mặc định của Windows/hệ thống)</source>
        <translation>(system default printer)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="214" />
        <source>{0} (không thấy trên máy này)</source>
        <translation>{0} (not found on this PC)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="231" />
        <source>Đã lưu cài đặt in và ngôn ngữ.</source>
        <translation>Printing and language saved.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="239" />
        <source>Năm</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="247" />
        <source>Ngày nghỉ trong tuần (lễ, Tết, nghỉ bù, cơ quan bổ sung)</source>
        <translation>Weekdays off (holidays, Tết, substitutes, office days)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="251" />
        <source>Ngày làm bù (thứ Bảy, Chủ nhật đi làm)</source>
        <translation>Make-up working days (weekends worked)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="257" />
        <source>Ngày cơ quan tự khai báo</source>
        <translation>Days set by the office</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="261" />
        <source>Bỏ ngày đã chọn</source>
        <translation>Remove the selected day</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="274" />
        <source>Nghỉ</source>
        <translation>Day off</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="275" />
        <source>Làm việc</source>
        <translation>Working day</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="279" />
        <source>Ngày</source>
        <translation>Day</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="280" />
        <source>Loại</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="281" />
        <source>Ghi chú</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="283" />
        <source>Thêm / sửa ngày</source>
        <translation>Add / change day</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="302" />
        <source>nghỉ</source>
        <translation>day off</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="302" />
        <source>làm việc</source>
        <translation>working day</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="313" />
        <source>Đã ghi ngày {0:%d/%m/%Y}.</source>
        <translation>Saved {0:%d/%m/%Y}.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="319" />
        <source>Hãy chọn một ngày trong danh sách ngày cơ quan khai báo.</source>
        <translation>Select a day in the office's own list.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="323" />
        <source>Đã bỏ ngày {0:%d/%m/%Y}.</source>
        <translation>Removed {0:%d/%m/%Y}.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="332" />
        <source>Tìm thủ tục (không cần dấu)</source>
        <translation>Search procedures</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="337" />
        <source>Mã</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="337" />
        <source>Tên thủ tục</source>
        <translation>Procedure name</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="337" />
        <source>Thời hạn (ngày)</source>
        <translation>Limit (days)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="338" />
        <source>Nhận trước giờ</source>
        <translation>Cut-off</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="338" />
        <location filename="../../ui/settings_page.py" line="363" />
        <source>Phí, lệ phí</source>
        <translation>Fees</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="352" />
        <source>để trống = chưa xác nhận (cán bộ nhập ngày hẹn)</source>
        <translation>empty = unconfirmed (the officer enters the date)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="359" />
        <source>Thời hạn giải quyết (ngày làm việc)</source>
        <translation>Time limit (working days)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="361" />
        <source>Giờ nhận trong ngày (trả trong ngày)</source>
        <translation>Same-day cut-off time</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="364" />
        <source>Lưu thay đổi của cơ quan cho thủ tục này</source>
        <translation>Save the office's values for this procedure</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="401" />
        <source>Hãy chọn một thủ tục trong bảng.</source>
        <translation>Select a procedure in the table.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="408" />
        <source>Đã lưu thủ tục {0}; lần cập nhật danh mục sau vẫn giữ giá trị này.</source>
        <translation>Procedure {0} saved; later catalogue updates keep these values.</translation>
    </message>
</context>
<context>
    <name>SyncPanel</name>
    <message>
        <location filename="../../ui/sync_panel.py" line="41" />
        <source>Bị từ chối</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="41" />
        <source>Xung đột</source>
        <translation>Conflict</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="42" />
        <source>Đang giữ lại</source>
        <translation>Held back</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="42" />
        <source>Chưa đồng bộ</source>
        <translation>Not synced</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="43" />
        <source>Đã đồng bộ</source>
        <translation>Synced</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="75" />
        <source>Đăng ký máy này với máy chủ cấp trên</source>
        <translation>Enrol this PC with the district server</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="80" />
        <source>mã dùng một lần do cấp trên cấp</source>
        <translation>one-time code from the district</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="81" />
        <source>Đăng ký</source>
        <translation>Enrol</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="84" />
        <source>Địa chỉ máy chủ</source>
        <translation>Server address</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="85" />
        <source>Mã đăng ký</source>
        <translation>Enrollment code</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="90" />
        <source>Đồng bộ ngay</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="93" />
        <source>Dừng</source>
        <translation>Stop</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="113" />
        <source>Hồ sơ và trạng thái đồng bộ</source>
        <translation>Dossiers and their sync state</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="116" />
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="116" />
        <source>Người nộp</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="116" />
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="117" />
        <source>Đồng bộ</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="123" />
        <source>Lỗi và xung đột cần xử lý</source>
        <translation>Errors and conflicts to settle</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="126" />
        <source>Hồ sơ</source>
        <translation>Dossiers</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="126" />
        <source>Vấn đề</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="126" />
        <source>Cần làm gì</source>
        <translation>What to do</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="132" />
        <source>Theo trạng thái của cấp trên</source>
        <translation>Take the district's status</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="133" />
        <source>Đã thống nhất với cấp trên: lấy trạng thái cấp trên cho hồ sơ này.</source>
        <translation>Agreed with the district: take the district's status for this dossier.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="135" />
        <source>Giữ trạng thái tại Một cửa</source>
        <translation>Keep the desk's status</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="136" />
        <source>Đã thống nhất với cấp trên: giữ trạng thái đang có tại Một cửa.</source>
        <translation>Agreed with the district: keep the status the desk has.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="138" />
        <source>Gửi lại hồ sơ bị từ chối</source>
        <translation>Send the rejected dossier again</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="139" />
        <source>Khi cấp trên báo đã khắc phục nguyên nhân: gửi lại hồ sơ đang chọn.</source>
        <translation>When the district says the cause is fixed: send the selected dossier again.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="147" />
        <location filename="../../ui/sync_panel.py" line="154" />
        <source>Chốt sổ ngày</source>
        <translation>Close the day</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="157" />
        <source>Chưa chốt sổ.</source>
        <translation>Day not closed.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="172" />
        <source>Hãy nhập địa chỉ máy chủ và mã đăng ký do cấp trên cấp.</source>
        <translation>Enter the server address and the enrollment code from the district.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="175" />
        <source>Đang đăng ký với cấp trên…</source>
        <translation>Enrolling with the district…</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="181" />
        <source>Đã đăng ký. Máy sẽ tự đồng bộ với cấp trên.</source>
        <translation>Enrolled. This PC will now sync with the district by itself.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="204" />
        <source>Đang đồng bộ với cấp trên…</source>
        <translation>Syncing with the district…</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="211" />
        <source>Đang dừng…</source>
        <translation>Stopping…</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="221" />
        <source>Đang đối chiếu với cấp trên…</source>
        <translation>Checking the day with the district…</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="229" />
        <source>Hãy chọn một dòng hồ sơ bị từ chối trong danh sách.</source>
        <translation>Select a rejected dossier in the list.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="236" />
        <source>Đã xếp {0} thay đổi để gửi lại; bấm «Đồng bộ ngay».</source>
        <translation>{0} changes queued to send again; press “Sync now”.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="245" />
        <source>Hãy chọn một dòng xung đột trong danh sách.</source>
        <translation>Select a conflict in the list.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="247" />
        <source>Đã thống nhất với cấp trên</source>
        <translation>Settled with the district</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="269" />
        <source>Đồng bộ chưa xong: {0}</source>
        <translation>Sync not finished: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="271" />
        <source>Máy sẽ tự thử lại.</source>
        <translation>It will retry by itself.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="286" />
        <source>✔ Đã chốt sổ, khớp với cấp trên. {0}</source>
        <translation>✔ Day closed and matched with the district. {0}</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="288" />
        <source>✘ Chưa khớp. {0}</source>
        <translation>✘ Not matched. {0}</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="292" />
        <source>Đã đối chiếu sổ ngày {0} với cấp trên.</source>
        <translation>The day {0} was checked against the district.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="293" />
        <source>Chưa đối chiếu được sổ ngày {0} với cấp trên.</source>
        <translation>The day {0} could not be checked against the district.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="342" />
        <source>Một cửa: «{0}» · Cấp trên: «{1}». Liên hệ cấp trên để thống nhất, rồi đánh dấu đã xử lý.</source>
        <translation>Desk: “{0}” · District: “{1}”. Agree with the district, then mark it settled.</translation>
    </message>
</context>
<context>
    <name>SyncStatusWidget</name>
    <message>
        <location filename="../../ui/sync_status.py" line="64" />
        <source>Không đọc được trạng thái đồng bộ</source>
        <translation>Could not read the sync state</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="72" />
        <source>Chưa đăng ký đồng bộ</source>
        <translation>Not enrolled for sync</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="75" />
        <source>Đã bị thu hồi quyền đồng bộ</source>
        <translation>Sync permission revoked</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="78" />
        <source>Chưa đồng bộ lần nào</source>
        <translation>Never synced</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="81" />
        <source>● Trực tuyến</source>
        <translation>● Online</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="84" />
        <source>○ Mất kết nối</source>
        <translation>○ Offline</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="87" />
        <source>Chờ gửi: {0}</source>
        <translation>Waiting to send: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="88" />
        <source>Đồng bộ lần cuối: {0}</source>
        <translation>Last sync: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="88" />
        <source>chưa có</source>
        <translation>never</translation>
    </message>
    <message>
        <location filename="../../ui/sync_status.py" line="89" />
        <source>Thử lại lúc: {0}</source>
        <translation>Retry at: {0}</translation>
    </message>
</context>
<context>
    <name>Weekday</name>
    <message>
        <location filename="../../ui/common.py" line="89" />
        <source>thứ hai</source>
        <translation>Monday</translation>
    </message>
    <message>
        <location filename="../../ui/common.py" line="89" />
        <source>thứ ba</source>
        <translation>Tuesday</translation>
    </message>
    <message>
        <location filename="../../ui/common.py" line="90" />
        <source>thứ tư</source>
        <translation>Wednesday</translation>
    </message>
    <message>
        <location filename="../../ui/common.py" line="90" />
        <source>thứ năm</source>
        <translation>Thursday</translation>
    </message>
    <message>
        <location filename="../../ui/common.py" line="91" />
        <source>thứ sáu</source>
        <translation>Friday</translation>
    </message>
    <message>
        <location filename="../../ui/common.py" line="91" />
        <source>thứ bảy</source>
        <translation>Saturday</translation>
    </message>
    <message>
        <location filename="../../ui/common.py" line="92" />
        <source>chủ nhật</source>
        <translation>Sunday</translation>
    </message>
</context>
</TS>