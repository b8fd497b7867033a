<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="vi">
<context>
    <name>ActionDialog</name>
    <message>
        <location filename="../../ui/dossier_desk.py" line="132" />
        <source>{0} — hồ sơ {1}</source>
        <translation>{0} — dossier {1}</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="156" />
        <source>Bộ phận giải quyết</source>
        <translation>Processing unit</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="157" />
        <source>Người nhận xử lý</source>
        <translation>Handler</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="159" />
        <source>Giấy tờ cần bổ sung:</source>
        <translation>Documents to add:</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="166" />
        <source>Giấy tờ khác</source>
        <translation>Other document</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="166" />
        <source>cách nhau bằng dấu ;</source>
        <translation>separate with ;</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="167" />
        <location filename="../../ui/dossier_desk.py" line="175" />
        <source>Lý do</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="169" />
        <source>Lý do chậm trả kết quả</source>
        <translation>Reason for the delay</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="170" />
        <source>Ngày hẹn trả mới</source>
        <translation>New return date</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="170" />
        <source>NN/TT/NNNN GG:PP</source>
        <translation>DD/MM/YYYY HH:MM</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="171" />
        <source>Chỉ được hẹn lại một lần. Hẹn cũ: {0}</source>
        <translation>A new date may be set only once. Current date: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="177" />
        <source>Ghi nhận «{0}» cho hồ sơ này?</source>
        <translation>Record “{0}” for this dossier?</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="184" />
        <source>Huỷ (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="185" />
        <source>Ghi nhận (Enter)</source>
        <translation>Record (Enter)</translation>
    </message>
</context>
<context>
    <name>CancelDialog</name>
    <message>
        <location filename="../../ui/till.py" line="53" />
        <source>Hủy biên lai {0}</source>
        <translation>Cancel receipt {0}</translation>
    </message>
    <message>
        <location filename="../../ui/till.py" line="56" />
        <source>Biên lai giữ nguyên số và được ghi là đã hủy. Lý do hủy (bắt buộc):</source>
        <translation>The receipt keeps its number and is marked cancelled. Reason (required):</translation>
    </message>
    <message>
        <location filename="../../ui/till.py" line="63" />
        <source>Không hủy (Esc)</source>
        <translation>Keep it (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/till.py" line="64" />
        <source>Hủy biên lai (Enter)</source>
        <translation>Cancel the receipt (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/till.py" line="74" />
        <source>Ghi lý do hủy biên lai.</source>
        <translation>Enter why the receipt is cancelled.</translation>
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
        <location filename="../../ui/app.py" line="112" />
        <source>Chức năng «{0}» chưa có trong bản này; sẽ có khi phần đó hoàn thành.</source>
        <translation>“{0}” is not in this version yet; it comes when that part is finished.</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="113" />
        <location filename="../../ui/app.py" line="122" />
        <source>Tiếp nhận</source>
        <translation>Intake</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="113" />
        <location filename="../../ui/app.py" line="123" />
        <source>Hồ sơ</source>
        <translation>Dossiers</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="113" />
        <location filename="../../ui/app.py" line="124" />
        <source>Trả kết quả</source>
        <translation>Return results</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="114" />
        <source>Tiếp công dân</source>
        <translation>Citizen reception</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="114" />
        <source>Báo cáo</source>
        <translation>Reports</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="115" />
        <location filename="../../ui/app.py" line="136" />
        <source>Thu phí</source>
        <translation>Fees</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="116" />
        <location filename="../../ui/app.py" line="133" />
        <source>Đồng bộ</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="116" />
        <location filename="../../ui/app.py" line="128" />
        <location filename="../../ui/app.py" line="130" />
        <source>Cài đặt</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="130" />
        <source>Chỉ quản trị viên được mở phần Cài đặt.</source>
        <translation>Only an administrator may open Settings.</translation>
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
        <location filename="../../ui/dossier_desk.py" line="239" />
        <source>Hồ sơ</source>
        <translation>Dossiers</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="245" />
        <source>Tất cả</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="245" />
        <source>Tiếp nhận hôm nay</source>
        <translation>Received today</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="246" />
        <source>Đang giải quyết</source>
        <translation>In processing</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="246" />
        <source>Đến hạn hôm nay</source>
        <translation>Due today</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="247" />
        <source>Quá hạn</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="247" />
        <source>Có kết quả, chờ trả</source>
        <translation>Result ready, to return</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="248" />
        <source>Đã trả kết quả</source>
        <translation>Returned</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="248" />
        <source>Từ chối tiếp nhận</source>
        <translation>Refused</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="249" />
        <source>Chờ bổ sung</source>
        <translation>Awaiting supplement</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="255" />
        <source>Lọc</source>
        <translation>Filter</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="259" />
        <source>Tìm theo mã hồ sơ, số CCCD, điện thoại, tên (Ctrl+F)</source>
        <translation>Search by code, ID no., phone, name (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="291" />
        <location filename="../../ui/dossier_desk.py" line="391" />
        <source>Chọn một hồ sơ trong danh sách.</source>
        <translation>Select a dossier in the list.</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="299" />
        <source>Quá trình xử lý</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="319" />
        <source>In lại biểu mẫu… (Ctrl+P)</source>
        <translation>Reprint a form… (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="362" />
        <source>{0} hồ sơ</source>
        <translation>{0} dossiers</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="403" />
        <source> (đã hẹn lại; hẹn cũ {0})</source>
        <translation> (new date set; previously {0})</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="407" />
        <source>&lt;b&gt;Người nộp:&lt;/b&gt; {0} · CCCD {1} · ĐT {2}</source>
        <translation>&lt;b&gt;Applicant:&lt;/b&gt; {0} · ID {1} · Tel {2}</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="409" />
        <source>&lt;b&gt;Thủ tục:&lt;/b&gt; {0}</source>
        <translation>&lt;b&gt;Procedure:&lt;/b&gt; {0}</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="410" />
        <source>&lt;b&gt;Tiếp nhận:&lt;/b&gt; {0} ({1}) · &lt;b&gt;Hẹn trả:&lt;/b&gt; {2}{3}</source>
        <translation>&lt;b&gt;Received:&lt;/b&gt; {0} ({1}) · &lt;b&gt;Due:&lt;/b&gt; {2}{3}</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="415" />
        <source>&lt;b&gt;Người nhận kết quả:&lt;/b&gt; {0}; bản chính trả lại: {1}</source>
        <translation>&lt;b&gt;Collected by:&lt;/b&gt; {0}; originals returned: {1}</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="418" />
        <source>&lt;b&gt;Đánh giá:&lt;/b&gt; {0}</source>
        <translation>&lt;b&gt;Rating:&lt;/b&gt; {0}</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="434" />
        <source>Chưa chọn hồ sơ.</source>
        <translation>No dossier selected.</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="438" />
        <source>Không thể «{0}» hồ sơ đang ở trạng thái «{1}».</source>
        <translation>Cannot “{0}” a dossier that is “{1}”.</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="457" />
        <source>Đã ghi «{0}» cho hồ sơ {1}.</source>
        <translation>Recorded “{0}” for dossier {1}.</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="464" />
        <location filename="../../ui/dossier_desk.py" line="483" />
        <source>{0} — hồ sơ {1}</source>
        <translation>{0} — dossier {1}</translation>
    </message>
</context>
<context>
    <name>DossierTableModel</name>
    <message>
        <location filename="../../ui/dossier_desk.py" line="68" />
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="68" />
        <source>Người nộp</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="68" />
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="68" />
        <source>Ngày nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="69" />
        <source>Hẹn trả</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="69" />
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>FeePanel</name>
    <message>
        <location filename="../../ui/fee_panel.py" line="66" />
        <source>Phí, lệ phí</source>
        <translation>Fees</translation>
    </message>
    <message>
        <location filename="../../ui/fee_panel.py" line="85" />
        <source>Số trang</source>
        <translation>Pages</translation>
    </message>
    <message>
        <location filename="../../ui/fee_panel.py" line="90" />
        <location filename="../../ui/fee_panel.py" line="188" />
        <source>Số bản</source>
        <translation>Copies</translation>
    </message>
    <message>
        <location filename="../../ui/fee_panel.py" line="96" />
        <source>Tiền mặt</source>
        <translation>Cash</translation>
    </message>
    <message>
        <location filename="../../ui/fee_panel.py" line="96" />
        <source>Chuyển khoản</source>
        <translation>Bank transfer</translation>
    </message>
    <message>
        <location filename="../../ui/fee_panel.py" line="103" />
        <source>Miễn thu: trường hợp được miễn và lý do</source>
        <translation>Exemption: the case and its reason</translation>
    </message>
    <message>
        <location filename="../../ui/fee_panel.py" line="107" />
        <source>Lý do miễn, giấy tờ chứng minh</source>
        <translation>Reason for the exemption, supporting papers</translation>
    </message>
    <message>
        <location filename="../../ui/fee_panel.py" line="108" />
        <source>Thu tiền, in biên lai</source>
        <translation>Collect, print receipt</translation>
    </message>
    <message>
        <location filename="../../ui/fee_panel.py" line="110" />
        <source>Lập và in biên lai ngay khi tiếp nhận hồ sơ</source>
        <translation>Issue and print the receipt when the dossier is received</translation>
    </message>
    <message>
        <location filename="../../ui/fee_panel.py" line="145" />
        <source> (mức chưa xác nhận)</source>
        <translation> (amount unconfirmed)</translation>
    </message>
    <message>
        <location filename="../../ui/fee_panel.py" line="171" />
        <source>Không miễn thu</source>
        <translation>No exemption</translation>
    </message>
    <message>
        <location filename="../../ui/fee_panel.py" line="177" />
        <source>Trường hợp khác (ghi lý do)</source>
        <translation>Other case (give the reason)</translation>
    </message>
    <message>
        <location filename="../../ui/fee_panel.py" line="186" />
        <source>Số {0}</source>
        <translation>Number of {0}</translation>
    </message>
    <message>
        <location filename="../../ui/fee_panel.py" line="186" />
        <source>bản</source>
        <translation>copies</translation>
    </message>
    <message>
        <location filename="../../ui/fee_panel.py" line="212" />
        <source>Nhập số trang để tính</source>
        <translation>Enter the pages to compute</translation>
    </message>
    <message>
        <location filename="../../ui/fee_panel.py" line="212" />
        <source>Ghi lý do miễn</source>
        <translation>Enter the reason</translation>
    </message>
    <message>
        <location filename="../../ui/fee_panel.py" line="213" />
        <source>Chưa thu được</source>
        <translation>Cannot collect yet</translation>
    </message>
    <message>
        <location filename="../../ui/fee_panel.py" line="223" />
        <source>Miễn thu</source>
        <translation>Exempt</translation>
    </message>
    <message>
        <location filename="../../ui/fee_panel.py" line="225" />
        <source>Không phải nộp tiền</source>
        <translation>Nothing to pay</translation>
    </message>
    <message>
        <location filename="../../ui/fee_panel.py" line="227" />
        <source>Phải nộp: {0} đồng ({1})</source>
        <translation>To pay: {0} đồng ({1})</translation>
    </message>
    <message>
        <location filename="../../ui/fee_panel.py" line="270" />
        <source>Biên lai {0}</source>
        <translation>Receipt {0}</translation>
    </message>
    <message>
        <location filename="../../ui/fee_panel.py" line="278" />
        <source>Hồ sơ đã được ghi, nhưng chưa thu được phí: {0}</source>
        <translation>The dossier is saved, but the fee was not collected: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/fee_panel.py" line="282" />
        <source>Đã lập biên lai {0}: {1} đồng.</source>
        <translation>Receipt {0} issued: {1} đồng.</translation>
    </message>
    <message>
        <location filename="../../ui/fee_panel.py" line="285" />
        <source>Đã ghi miễn thu: {0}.</source>
        <translation>Exemption recorded: {0}.</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../ui/login.py" line="94" />
        <source>Khai báo lần đầu</source>
        <translation>First-time set-up</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="97" />
        <source>Máy này chưa có thông tin cơ quan. Hãy khai báo cơ quan và tài khoản quản trị (dùng để đăng nhập và cài đặt).</source>
        <translation>This PC has no office profile yet. Enter the office and an administrator account (to log in and change settings).</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="103" />
        <source>Tên cơ quan (*)</source>
        <translation>Office name (*)</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="104" />
        <source>Mã định danh cơ quan (*)</source>
        <translation>Agency code (*)</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="105" />
        <source>Tỉnh/thành phố</source>
        <translation>Province/city</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="106" />
        <source>Cơ quan cấp trên</source>
        <translation>Upstream office</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="107" />
        <source>Địa chỉ</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="108" />
        <source>Địa danh ghi trên biểu mẫu</source>
        <translation>Place name on forms</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="109" />
        <source>Điện thoại</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="110" />
        <source>Địa chỉ tra cứu hồ sơ</source>
        <translation>Dossier lookup URL</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="111" />
        <source>Tên đăng nhập quản trị (*)</source>
        <translation>Administrator user name (*)</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="112" />
        <source>Họ tên quản trị viên (*)</source>
        <translation>Administrator's full name (*)</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="113" />
        <source>Mật khẩu (*)</source>
        <translation>Password (*)</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="114" />
        <source>Nhập lại mật khẩu (*)</source>
        <translation>Repeat password (*)</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="136" />
        <source>Lưu và bắt đầu</source>
        <translation>Save and start</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="150" />
        <source>Hai lần nhập mật khẩu không giống nhau.</source>
        <translation>The two passwords differ.</translation>
    </message>
</context>
<context>
    <name>IntakePage</name>
    <message>
        <location filename="../../ui/intake.py" line="182" />
        <source>Tiếp nhận hồ sơ</source>
        <translation>Dossier intake</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="186" />
        <source>Quét mã QR trên thẻ căn cước ở bất kỳ đâu trong cửa sổ để điền thông tin người nộp.</source>
        <translation>Scan the ID card's QR anywhere in the window to fill in the applicant.</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="203" />
        <source>Người nộp hồ sơ</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="210" />
        <source>Số CCCD/định danh</source>
        <translation>Personal ID no.</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="211" />
        <source>Họ và tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="212" />
        <source>Ngày sinh</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="213" />
        <source>Giới tính</source>
        <translation>Gender</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="214" />
        <source>Nơi thường trú</source>
        <translation>Permanent address</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="215" />
        <source>Điện thoại</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="216" />
        <source>Thư điện tử</source>
        <translation>Email</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="231" />
        <source>NN/TT/NNNN</source>
        <translation>DD/MM/YYYY</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="251" />
        <source>Loại / hình thức</source>
        <translation>Type / channel</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="254" />
        <source>Người được ủy quyền nộp thay (nếu có)</source>
        <translation>Authorised person submitting (if any)</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="256" />
        <source>Nộp thay</source>
        <translation>Submitted by</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="260" />
        <source>Số giấy tờ người nộp thay</source>
        <translation>Their ID no.</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="272" />
        <source>Thủ tục hành chính</source>
        <translation>Administrative procedure</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="285" />
        <source>Gõ tên hoặc mã thủ tục (không cần dấu), Enter để chọn</source>
        <translation>Type a procedure name or code, Enter to pick</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="290" />
        <location filename="../../ui/intake.py" line="682" />
        <source>Chưa chọn thủ tục.</source>
        <translation>No procedure chosen.</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="297" />
        <source>Thành phần hồ sơ nộp</source>
        <translation>Documents handed in</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="301" />
        <source>Thành phần hồ sơ</source>
        <translation>Document</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="301" />
        <source>Bản chính</source>
        <translation>Originals</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="302" />
        <source>Chứng thực</source>
        <translation>Certified</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="302" />
        <source>Photo</source>
        <translation>Copies</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="317" />
        <source>Thêm giấy tờ khác</source>
        <translation>Add another document</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="321" />
        <source>Số bộ</source>
        <translation>Sets</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="326" />
        <source>Nhận kết quả tại</source>
        <translation>Collect result at</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="341" />
        <source>Hẹn trả kết quả:</source>
        <translation>Result due:</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="348" />
        <source>Ngày hẹn trả: NN/TT/NNNN GG:PP</source>
        <translation>Return date: DD/MM/YYYY HH:MM</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="357" />
        <source>Ghi chú (nếu có)</source>
        <translation>Note (optional)</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="366" />
        <source>Làm mới (Ctrl+N)</source>
        <translation>New (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="368" />
        <source>Từ chối — mẫu 03 (Ctrl+Shift+R)</source>
        <translation>Refuse — form 03 (Ctrl+Shift+R)</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="370" />
        <source>Yêu cầu bổ sung — mẫu 02 (Ctrl+B)</source>
        <translation>Supplement — form 02 (Ctrl+B)</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="372" />
        <source>Tiếp nhận và in giấy hẹn (Ctrl+Enter)</source>
        <translation>Receive and print slip (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="423" />
        <source>Không đọc được mã QR trên thẻ: {0}</source>
        <translation>Could not read the card's QR: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="434" />
        <source> (đã sửa lỗi mã hóa của máy quét)</source>
        <translation> (scanner encoding repaired)</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="435" />
        <source>Đã đọc thẻ căn cước của {0}{1}. Hãy đối chiếu với thẻ.</source>
        <translation>Read the ID card of {0}{1}. Compare with the card.</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="458" />
        <source>Công dân đã nộp {0} hồ sơ tại đây; thông tin liên hệ lấy từ lần trước.</source>
        <translation>Returning citizen: {0} dossiers here before; contact details taken from the last one.</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="469" />
        <location filename="../../ui/intake.py" line="492" />
        <source>trong ngày</source>
        <translation>same day</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="469" />
        <source>{0} ngày</source>
        <translation>{0} days</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="470" />
        <source>thời hạn chưa xác nhận</source>
        <translation>limit unconfirmed</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="492" />
        <source>{0} ngày làm việc</source>
        <translation>{0} working days</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="493" />
        <source>chưa xác nhận — cán bộ nhập ngày hẹn</source>
        <translation>unconfirmed — the officer enters the date</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="495" />
        <source>&lt;b&gt;{0}&lt;/b&gt; ({1})&lt;br&gt;Thời hạn: {2}. Phí, lệ phí: {3}</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt; ({1})&lt;br&gt;Time limit: {2}. Fees: {3}</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="520" />
        <source>Giấy tờ khác</source>
        <translation>Other document</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="554" />
        <source>Thời hạn chưa xác nhận: nhập ngày hẹn trả →</source>
        <translation>Time limit unconfirmed: enter the return date →</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="559" />
        <source>{0} ({1})</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="574" />
        <source>Ngày hẹn trả</source>
        <translation>Return date</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="635" />
        <source>Đang ghi hồ sơ…</source>
        <translation>Saving the dossier…</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="607" />
        <source>Hồ sơ chưa được ghi: hãy sửa các ô báo đỏ.</source>
        <translation>The dossier was not saved: fix the fields marked in red.</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="642" />
        <source>Đã tiếp nhận hồ sơ {0} của {1}. Hẹn trả: {2}.</source>
        <translation>Dossier {0} of {1} received. Due: {2}.</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="644" />
        <source>Giấy tiếp nhận và hẹn trả kết quả {0}</source>
        <translation>Receipt and appointment slip {0}</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="646" />
        <source>Đã ghi yêu cầu bổ sung hồ sơ {0} (mẫu 02).</source>
        <translation>Supplement request for dossier {0} recorded (form 02).</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="647" />
        <source>Phiếu yêu cầu bổ sung {0}</source>
        <translation>Supplement request {0}</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="649" />
        <source>Đã ghi từ chối tiếp nhận hồ sơ {0} (mẫu 03).</source>
        <translation>Refusal of dossier {0} recorded (form 03).</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="650" />
        <source>Phiếu từ chối {0}</source>
        <translation>Refusal notice {0}</translation>
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
        <location filename="../../ui/login.py" line="34" />
        <source>Đăng nhập — Bộ phận Một cửa</source>
        <translation>Log in — One-stop desk</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="41" />
        <source>Bộ phận tiếp nhận và trả kết quả</source>
        <translation>Reception and results desk</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="48" />
        <source>Tên đăng nhập</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="49" />
        <source>Mật khẩu</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="55" />
        <source>Đăng nhập</source>
        <translation>Log in</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="38" />
        <source>Bộ phận Một cửa</source>
        <translation>One-stop desk</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="138" />
        <source>Cán bộ: {0}</source>
        <translation>Officer: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="140" />
        <source>Bộ phận Một cửa — {0}</source>
        <translation>One-stop desk — {0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="143" />
        <source>{0} bản in lỗi — In lại</source>
        <translation>{0} failed prints — Retry</translation>
    </message>
</context>
<context>
    <name>Operations</name>
    <message>
        <location filename="../../ui/operations.py" line="41" />
        <source>Đã xảy ra lỗi không mong muốn; chi tiết đã được ghi vào nhật ký.</source>
        <translation>Something unexpected went wrong; the details were written to the log.</translation>
    </message>
    <message>
        <location filename="../../ui/operations.py" line="178" />
        <source>Chưa ghi được: hãy sửa các ô báo đỏ.</source>
        <translation>Not saved: correct the fields marked in red.</translation>
    </message>
    <message>
        <location filename="../../ui/operations.py" line="223" />
        <source>Đang in: {0}…</source>
        <translation>Printing: {0}…</translation>
    </message>
    <message>
        <location filename="../../ui/operations.py" line="240" />
        <source>Đang in lại: {0}…</source>
        <translation>Printing again: {0}…</translation>
    </message>
    <message>
        <location filename="../../ui/operations.py" line="245" />
        <source>In lại</source>
        <translation>Print again</translation>
    </message>
    <message>
        <location filename="../../ui/operations.py" line="247" />
        <source>Đã in: {0}.</source>
        <translation>Printed: {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/operations.py" line="249" />
        <source>Chưa in: {0} (đã huỷ). Hồ sơ đã được lưu.</source>
        <translation>Not printed: {0} (cancelled). The dossier is saved.</translation>
    </message>
    <message>
        <location filename="../../ui/operations.py" line="252" />
        <source>In lỗi: {0} — {1} Hồ sơ đã được lưu.</source>
        <translation>Print failed: {0} — {1} The dossier is saved.</translation>
    </message>
</context>
<context>
    <name>OutcomeDialog</name>
    <message>
        <location filename="../../ui/intake.py" line="98" />
        <source>Yêu cầu bổ sung hồ sơ (mẫu 02)</source>
        <translation>Request a supplement (form 02)</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="99" />
        <source>Từ chối tiếp nhận hồ sơ (mẫu 03)</source>
        <translation>Refuse the dossier (form 03)</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="104" />
        <source>Giấy tờ cần bổ sung, hoàn thiện:</source>
        <translation>Documents to add or complete:</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="113" />
        <source>Giấy tờ khác (mỗi loại cách nhau bằng dấu ;)</source>
        <translation>Other documents (separate with ;)</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="115" />
        <source>Lý do:</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="115" />
        <source>Lý do từ chối (bắt buộc):</source>
        <translation>Reason for refusal (required):</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="125" />
        <source>Huỷ (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="126" />
        <source>Ghi và in phiếu (Ctrl+Enter)</source>
        <translation>Record and print (Ctrl+Enter)</translation>
    </message>
</context>
<context>
    <name>PreviewDialog</name>
    <message>
        <location filename="../../ui/printing.py" line="266" />
        <source>Xem trước: {0}</source>
        <translation>Preview: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="282" />
        <source>Huỷ (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="283" />
        <source>In (Enter)</source>
        <translation>Print (Enter)</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <location filename="../../ui/printing.py" line="110" />
        <source>Không tìm thấy máy in «{0}». Hãy chọn máy in trong Cài đặt rồi in lại.</source>
        <translation>Printer “{0}” not found. Choose a printer in Settings, then print again.</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="112" />
        <source>Máy tính chưa có máy in nào. Hãy cài máy in rồi in lại.</source>
        <translation>This PC has no printer. Install one, then print again.</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="119" />
        <source>Không thấy tệp cần in: {0}</source>
        <translation>File to print not found: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="123" />
        <source>Tệp cần in không có trang nào.</source>
        <translation>The file to print has no pages.</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="135" />
        <source>Máy in không nhận lệnh in (máy tắt, hết giấy hoặc kẹt giấy?).</source>
        <translation>The printer refused the job (off, out of paper or jammed?).</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="142" />
        <source>Máy in dừng giữa chừng.</source>
        <translation>The printer stopped half-way.</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="145" />
        <source>Máy in báo lỗi khi kết thúc bản in.</source>
        <translation>The printer reported an error at the end of the job.</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="247" />
        <source>Đã huỷ in.</source>
        <translation>Printing cancelled.</translation>
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
        <location filename="../../ui/returns.py" line="83" />
        <source>Trả kết quả</source>
        <translation>Return results</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="89" />
        <source>Quét mã QR trên giấy hẹn, hoặc gõ mã hồ sơ / 4 số cuối rồi Enter</source>
        <translation>Scan the slip's QR, or type the code / its last 4 digits, then Enter</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="91" />
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="106" />
        <source>Giao kết quả</source>
        <translation>Hand over the result</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="111" />
        <source>Người nhận kết quả</source>
        <translation>Collected by</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="116" />
        <source>Bản chính trả lại</source>
        <translation>Originals returned</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="119" />
        <source>Bản chính khác đã trả lại (nếu có)</source>
        <translation>Other originals returned (if any)</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="122" />
        <source>Trả kết quả (Ctrl+Enter)</source>
        <translation>Return result (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="170" />
        <source>Giấy hẹn hợp lệ: mã kiểm tra khớp với mã hồ sơ.</source>
        <translation>Genuine slip: the check tag matches the code.</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="173" />
        <source>CẢNH BÁO: mã kiểm tra trên giấy hẹn KHÔNG khớp — giấy hẹn có thể đã bị sửa hoặc không do cơ quan này cấp. Đối chiếu giấy tờ tùy thân và sổ theo dõi trước khi trả kết quả.</source>
        <translation>WARNING: the slip's check tag does NOT match — the slip may have been altered or not issued by this office. Check the ID papers and the register before returning the result.</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="178" />
        <source>Mã quét được không phải mã QR của giấy hẹn.</source>
        <translation>The scanned code is not a slip QR.</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="180" />
        <source>Mã hồ sơ nhập tay: hãy đối chiếu giấy hẹn và giấy tờ tùy thân.</source>
        <translation>Code typed by hand: compare the slip and the ID papers.</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="187" />
        <source>Có {0} hồ sơ khớp «{1}»: hãy nhập đủ mã hồ sơ.</source>
        <translation>{0} dossiers match “{1}”: type the full code.</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="247" />
        <source>&lt;b&gt;{0}&lt;/b&gt; — {1}&lt;br&gt;&lt;b&gt;Người nộp:&lt;/b&gt; {2} · CCCD {3}&lt;br&gt;&lt;b&gt;Thủ tục:&lt;/b&gt; {4}&lt;br&gt;&lt;b&gt;Hẹn trả:&lt;/b&gt; {5} · &lt;b&gt;Có kết quả:&lt;/b&gt; {6}</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt; — {1}&lt;br&gt;&lt;b&gt;Applicant:&lt;/b&gt; {2} · ID {3}&lt;br&gt;&lt;b&gt;Procedure:&lt;/b&gt; {4}&lt;br&gt;&lt;b&gt;Due:&lt;/b&gt; {5} · &lt;b&gt;Result ready:&lt;/b&gt; {6}</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="234" />
        <source>Kết quả đã trả ngày {0}; người dân chưa đánh giá.</source>
        <translation>Result returned {0}; the citizen has not rated yet.</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="239" />
        <source>Hồ sơ đang ở trạng thái «{0}»: chưa thể trả kết quả.</source>
        <translation>The dossier is “{0}”: its result cannot be returned yet.</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="277" />
        <source>Đã trả kết quả hồ sơ {0} cho {1}.</source>
        <translation>Result of dossier {0} handed to {1}.</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="295" />
        <source>Cảm ơn Ông/Bà. Đã ghi đánh giá cho hồ sơ {0}.</source>
        <translation>Thank you. Rating recorded for dossier {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="300" />
        <source>Người dân không đánh giá.</source>
        <translation>The citizen declined to rate.</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../ui/settings_page.py" line="54" />
        <source>Cài đặt</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="63" />
        <source>Cơ quan</source>
        <translation>Office</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="64" />
        <location filename="../../ui/settings_page.py" line="153" />
        <source>Giờ làm việc</source>
        <translation>Office hours</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="65" />
        <source>Máy in và ngôn ngữ</source>
        <translation>Printer and language</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="66" />
        <source>Lịch nghỉ, làm bù</source>
        <translation>Days off, make-up days</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="67" />
        <source>Danh mục thủ tục</source>
        <translation>Procedure catalogue</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="86" />
        <source>Chưa lưu: hãy sửa các ô báo đỏ.</source>
        <translation>Not saved: fix the fields marked in red.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="101" />
        <source>Tên cơ quan</source>
        <translation>Office name</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="101" />
        <source>Mã định danh cơ quan</source>
        <translation>Agency code</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="102" />
        <source>Tỉnh/thành phố</source>
        <translation>Province/city</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="102" />
        <source>Cơ quan cấp trên</source>
        <translation>Upstream office</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="103" />
        <source>Địa chỉ</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="103" />
        <source>Địa danh ghi trên biểu mẫu</source>
        <translation>Place name on forms</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="104" />
        <source>Điện thoại</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="104" />
        <source>Địa chỉ tra cứu hồ sơ (in trong mã QR)</source>
        <translation>Lookup URL (printed in the QR)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="105" />
        <source>Quyển sổ theo dõi số</source>
        <translation>Register book no.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="115" />
        <source>Thông tư 03/2025 (mẫu 01–07)</source>
        <translation>Circular 03/2025 (forms 01–07)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="116" />
        <source>Thông tư 01/2018 (số mẫu cũ)</source>
        <translation>Circular 01/2018 (old numbers)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="117" />
        <source>Đánh số biểu mẫu</source>
        <translation>Form numbering</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="119" />
        <source>Lưu thông tin cơ quan</source>
        <translation>Save office profile</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="140" />
        <source>Đã lưu thông tin cơ quan.</source>
        <translation>Office profile saved.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="151" />
        <source>Các buổi làm việc, dạng GG:PP-GG:PP, cách nhau bằng dấu phẩy. Hồ sơ nhận ngoài giờ được tính từ giờ mở cửa kế tiếp.</source>
        <translation>Working sessions as HH:MM-HH:MM, separated by commas. A dossier received outside them counts from the next opening.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="154" />
        <source>Lưu giờ làm việc</source>
        <translation>Save office hours</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="164" />
        <source>Đã lưu giờ làm việc.</source>
        <translation>Office hours saved.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="175" />
        <source>A4</source>
        <translation>A4</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="175" />
        <source>A5</source>
        <translation>A5</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="175" />
        <source>Giấy cuộn 80 mm</source>
        <translation>80 mm roll</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="180" />
        <source>Xem trước khi in</source>
        <translation>Preview before printing</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="191" />
        <source>Ngôn ngữ mới có hiệu lực từ lần mở phần mềm sau.</source>
        <translation>A new language applies from the next start.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="192" />
        <source>Lưu cài đặt in và ngôn ngữ</source>
        <translation>Save printing and language</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="206" />
        <source>(máy in mặc định của Windows/hệ thống)</source>
        <translation>(system default printer)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="211" />
        <source>{0} (không thấy trên máy này)</source>
        <translation>{0} (not found on this PC)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="228" />
        <source>Đã lưu cài đặt in và ngôn ngữ.</source>
        <translation>Printing and language saved.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="237" />
        <source>Năm</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="245" />
        <source>Ngày nghỉ trong tuần (lễ, Tết, nghỉ bù, cơ quan bổ sung)</source>
        <translation>Weekdays off (holidays, Tết, substitutes, office days)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="249" />
        <source>Ngày làm bù (thứ Bảy, Chủ nhật đi làm)</source>
        <translation>Make-up working days (weekends worked)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="255" />
        <source>Ngày cơ quan tự khai báo</source>
        <translation>Days set by the office</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="259" />
        <source>Bỏ ngày đã chọn</source>
        <translation>Remove the selected day</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="272" />
        <source>Nghỉ</source>
        <translation>Day off</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="273" />
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
        <location filename="../../ui/settings_page.py" line="318" />
        <source>Hãy chọn một ngày trong danh sách ngày cơ quan khai báo.</source>
        <translation>Select a day in the office's own list.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="323" />
        <source>Đã bỏ ngày {0:%d/%m/%Y}.</source>
        <translation>Removed {0:%d/%m/%Y}.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="331" />
        <source>Tìm thủ tục (không cần dấu)</source>
        <translation>Search procedures</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="336" />
        <source>Mã</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="336" />
        <source>Tên thủ tục</source>
        <translation>Procedure name</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="336" />
        <source>Thời hạn (ngày)</source>
        <translation>Limit (days)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="337" />
        <source>Nhận trước giờ</source>
        <translation>Cut-off</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="337" />
        <location filename="../../ui/settings_page.py" line="365" />
        <source>Phí, lệ phí</source>
        <translation>Fees</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="351" />
        <source>để trống = chưa xác nhận (cán bộ nhập ngày hẹn)</source>
        <translation>empty = unconfirmed (the officer enters the date)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="361" />
        <source>Thời hạn giải quyết (ngày làm việc)</source>
        <translation>Time limit (working days)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="363" />
        <source>Giờ nhận trong ngày (trả trong ngày)</source>
        <translation>Same-day cut-off time</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="366" />
        <source>Lưu thay đổi của cơ quan cho thủ tục này</source>
        <translation>Save the office's values for this procedure</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="403" />
        <source>Hãy chọn một thủ tục trong bảng.</source>
        <translation>Select a procedure in the table.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="410" />
        <source>Đã lưu thủ tục {0}; lần cập nhật danh mục sau vẫn giữ giá trị này.</source>
        <translation>Procedure {0} saved; later catalogue updates keep these values.</translation>
    </message>
</context>
<context>
    <name>SyncPanel</name>
    <message>
        <location filename="../../ui/sync_panel.py" line="47" />
        <source>Bị từ chối</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="47" />
        <source>Xung đột</source>
        <translation>Conflict</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="48" />
        <source>Đang giữ lại</source>
        <translation>Held back</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="48" />
        <source>Chưa đồng bộ</source>
        <translation>Not synced</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="49" />
        <source>Đã đồng bộ</source>
        <translation>Synced</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="84" />
        <source>Đăng ký máy này với máy chủ cấp trên</source>
        <translation>Enrol this PC with the district server</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="89" />
        <source>mã dùng một lần do cấp trên cấp</source>
        <translation>one-time code from the district</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="90" />
        <source>Đăng ký</source>
        <translation>Enrol</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="93" />
        <source>Địa chỉ máy chủ</source>
        <translation>Server address</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="94" />
        <source>Mã đăng ký</source>
        <translation>Enrollment code</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="99" />
        <source>Đồng bộ ngay</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="102" />
        <source>Dừng</source>
        <translation>Stop</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="122" />
        <source>Hồ sơ và trạng thái đồng bộ</source>
        <translation>Dossiers and their sync state</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="125" />
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="125" />
        <source>Người nộp</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="125" />
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="126" />
        <source>Đồng bộ</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="132" />
        <source>Lỗi và xung đột cần xử lý</source>
        <translation>Errors and conflicts to settle</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="135" />
        <source>Hồ sơ</source>
        <translation>Dossiers</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="135" />
        <source>Vấn đề</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="135" />
        <source>Cần làm gì</source>
        <translation>What to do</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="141" />
        <source>Theo trạng thái của cấp trên</source>
        <translation>Take the district's status</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="142" />
        <source>Đã thống nhất với cấp trên: lấy trạng thái cấp trên cho hồ sơ này.</source>
        <translation>Agreed with the district: take the district's status for this dossier.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="144" />
        <source>Giữ trạng thái tại Một cửa</source>
        <translation>Keep the desk's status</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="145" />
        <source>Đã thống nhất với cấp trên: giữ trạng thái đang có tại Một cửa.</source>
        <translation>Agreed with the district: keep the status the desk has.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="147" />
        <source>Gửi lại hồ sơ bị từ chối</source>
        <translation>Send the rejected dossier again</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="148" />
        <source>Khi cấp trên báo đã khắc phục nguyên nhân: gửi lại hồ sơ đang chọn.</source>
        <translation>When the district says the cause is fixed: send the selected dossier again.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="156" />
        <location filename="../../ui/sync_panel.py" line="163" />
        <source>Chốt sổ ngày</source>
        <translation>Close the day</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="166" />
        <source>Chưa chốt sổ.</source>
        <translation>Day not closed.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="183" />
        <source>Hãy nhập địa chỉ máy chủ và mã đăng ký do cấp trên cấp.</source>
        <translation>Enter the server address and the enrollment code from the district.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="193" />
        <source>Đang đăng ký với cấp trên…</source>
        <translation>Enrolling with the district…</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="194" />
        <source>Đã đăng ký. Máy sẽ tự đồng bộ với cấp trên.</source>
        <translation>Enrolled. This PC will now sync with the district by itself.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="211" />
        <source>Đang đồng bộ với cấp trên…</source>
        <translation>Syncing with the district…</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="217" />
        <source>Đang dừng…</source>
        <translation>Stopping…</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="236" />
        <source>Đang đối chiếu với cấp trên…</source>
        <translation>Checking the day with the district…</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="245" />
        <source>Hãy chọn một dòng hồ sơ bị từ chối trong danh sách.</source>
        <translation>Select a rejected dossier in the list.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="251" />
        <source>Đã xếp {0} thay đổi để gửi lại; bấm «Đồng bộ ngay».</source>
        <translation>{0} changes queued to send again; press “Sync now”.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="261" />
        <source>Hãy chọn một dòng xung đột trong danh sách.</source>
        <translation>Select a conflict in the list.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="263" />
        <source>Đã thống nhất với cấp trên</source>
        <translation>Settled with the district</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="288" />
        <source>Đồng bộ chưa xong: {0}</source>
        <translation>Sync not finished: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="290" />
        <source>Máy sẽ tự thử lại.</source>
        <translation>It will retry by itself.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="305" />
        <source>✔ Đã chốt sổ, khớp với cấp trên. {0}</source>
        <translation>✔ Day closed and matched with the district. {0}</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="307" />
        <source>✘ Chưa khớp. {0}</source>
        <translation>✘ Not matched. {0}</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="311" />
        <source>Đã đối chiếu sổ ngày {0} với cấp trên.</source>
        <translation>The day {0} was checked against the district.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="312" />
        <source>Chưa đối chiếu được sổ ngày {0} với cấp trên.</source>
        <translation>The day {0} could not be checked against the district.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="356" />
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
    <name>TillCloseDialog</name>
    <message>
        <location filename="../../ui/till.py" line="86" />
        <source>Chốt quầy thu — {0}</source>
        <translation>Close the till — {0}</translation>
    </message>
    <message>
        <location filename="../../ui/till.py" line="95" />
        <source>Tiền mặt phải nộp</source>
        <translation>Cash to hand over</translation>
    </message>
    <message>
        <location filename="../../ui/till.py" line="98" />
        <source>số tiền mặt đếm được, ví dụ 48.000</source>
        <translation>cash counted, e.g. 48.000</translation>
    </message>
    <message>
        <location filename="../../ui/till.py" line="100" />
        <source>Tiền mặt đếm được</source>
        <translation>Cash counted</translation>
    </message>
    <message>
        <location filename="../../ui/till.py" line="104" />
        <source>Chênh lệch</source>
        <translation>Difference</translation>
    </message>
    <message>
        <location filename="../../ui/till.py" line="110" />
        <source>Giải trình chênh lệch</source>
        <translation>Explanation of the difference</translation>
    </message>
    <message>
        <location filename="../../ui/till.py" line="114" />
        <source>Để sau (Esc)</source>
        <translation>Later (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/till.py" line="115" />
        <source>Chốt và in bảng kê (Ctrl+Enter)</source>
        <translation>Close and print the list (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/till.py" line="133" />
        <source>không</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../../ui/till.py" line="134" />
        <source>thiếu {0}</source>
        <translation>short by {0}</translation>
    </message>
    <message>
        <location filename="../../ui/till.py" line="135" />
        <source>thừa {0}</source>
        <translation>over by {0}</translation>
    </message>
</context>
<context>
    <name>TillPage</name>
    <message>
        <location filename="../../ui/till.py" line="164" />
        <source>Thu phí, lệ phí — quầy thu của tôi</source>
        <translation>Fees — my till</translation>
    </message>
    <message>
        <location filename="../../ui/till.py" line="178" />
        <source>Biên lai</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <location filename="../../ui/till.py" line="178" />
        <source>Thời gian</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/till.py" line="178" />
        <source>Người nộp</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/till.py" line="179" />
        <source>Khoản thu</source>
        <translation>Fee</translation>
    </message>
    <message>
        <location filename="../../ui/till.py" line="179" />
        <source>Hình thức</source>
        <translation>Method</translation>
    </message>
    <message>
        <location filename="../../ui/till.py" line="179" />
        <source>Số tiền</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../../ui/till.py" line="180" />
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/till.py" line="189" />
        <source>In lại biên lai (bản sao)</source>
        <translation>Reprint receipt (copy)</translation>
    </message>
    <message>
        <location filename="../../ui/till.py" line="191" />
        <source>Hủy biên lai…</source>
        <translation>Cancel receipt…</translation>
    </message>
    <message>
        <location filename="../../ui/till.py" line="194" />
        <source>Chốt quầy thu và in bảng kê…</source>
        <translation>Close the till and print the list…</translation>
    </message>
    <message>
        <location filename="../../ui/till.py" line="226" />
        <source>Đã hủy: {0}</source>
        <translation>Cancelled: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/till.py" line="226" />
        <source>Đã thu</source>
        <translation>Collected</translation>
    </message>
    <message>
        <location filename="../../ui/till.py" line="227" />
        <source>Tiền mặt</source>
        <translation>Cash</translation>
    </message>
    <message>
        <location filename="../../ui/till.py" line="227" />
        <source>Chuyển khoản</source>
        <translation>Bank transfer</translation>
    </message>
    <message>
        <location filename="../../ui/till.py" line="235" />
        <source>Chưa chốt: {0}</source>
        <translation>Not closed yet: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/till.py" line="236" />
        <source>Không có biên lai nào chưa chốt.</source>
        <translation>No receipt waiting for a till close.</translation>
    </message>
    <message>
        <location filename="../../ui/till.py" line="238" />
        <source>Số biên lai chưa có trong dữ liệu: {0}.</source>
        <translation>Receipt numbers missing from this PC's data: {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/till.py" line="246" />
        <source>Hãy chọn một biên lai trong danh sách.</source>
        <translation>Select a receipt in the list.</translation>
    </message>
    <message>
        <location filename="../../ui/till.py" line="261" />
        <source>Biên lai {0} đã bị hủy.</source>
        <translation>Receipt {0} is already cancelled.</translation>
    </message>
    <message>
        <location filename="../../ui/till.py" line="270" />
        <source>Đã hủy biên lai {0}.</source>
        <translation>Receipt {0} cancelled.</translation>
    </message>
    <message>
        <location filename="../../ui/till.py" line="299" />
        <source>Đã chốt quầy thu: {0} biên lai, {1}.</source>
        <translation>Till closed: {0} receipts, {1}.</translation>
    </message>
    <message>
        <location filename="../../ui/till.py" line="312" />
        <source>Bảng kê biên lai</source>
        <translation>Receipt hand-over list</translation>
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