<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="vi">
<context>
    <name>ActDialog</name>
    <message>
        <location filename="../../ui/reception.py" line="71" />
        <source>Thụ lý đơn {0}</source>
        <translation>Accept petition {0}</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="71" />
        <source>Gia hạn giải quyết đơn {0}</source>
        <translation>Extend the time limit of petition {0}</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="72" />
        <source>Kết quả giải quyết đơn {0}</source>
        <translation>Result of petition {0}</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="73" />
        <source>Chuyển đơn / hướng dẫn: đơn {0}</source>
        <translation>Forward / guide: petition {0}</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="74" />
        <source>Không thụ lý đơn {0}</source>
        <translation>Do not accept petition {0}</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="80" />
        <source>để trống: bây giờ; hoặc 23/11/2026 09:30</source>
        <translation>empty: now; or 23/11/2026 09:30</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="91" />
        <source>Đã hướng dẫn công dân đến (không chuyển đơn)</source>
        <translation>The citizen was guided there (petition not sent)</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="96" />
        <source>Người giải quyết</source>
        <translation>Handled by</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="99" />
        <source>Số ngày gia hạn</source>
        <translation>Days of extension</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="100" />
        <source>Quyết định gia hạn (số, ngày)</source>
        <translation>Extension decision (number, date)</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="103" />
        <source>Cơ quan có thẩm quyền</source>
        <translation>Competent body</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="107" />
        <source>Kết quả</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="107" />
        <source>Lý do</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="109" />
        <source>Ngày thực hiện</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="113" />
        <source>Không ghi (Esc)</source>
        <translation>Do not record (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="114" />
        <source>Ghi (Enter)</source>
        <translation>Record (Enter)</translation>
    </message>
</context>
<context>
    <name>ActionDialog</name>
    <message>
        <location filename="../../ui/action_dialog.py" line="38" />
        <source>{0} — hồ sơ {1}</source>
        <translation>{0} — dossier {1}</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialog.py" line="62" />
        <source>Bộ phận giải quyết</source>
        <translation>Processing unit</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialog.py" line="63" />
        <source>Người nhận xử lý</source>
        <translation>Handler</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialog.py" line="65" />
        <source>Giấy tờ cần bổ sung:</source>
        <translation>Documents to add:</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialog.py" line="72" />
        <source>Giấy tờ khác</source>
        <translation>Other document</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialog.py" line="72" />
        <source>cách nhau bằng dấu ;</source>
        <translation>separate with ;</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialog.py" line="73" />
        <location filename="../../ui/action_dialog.py" line="106" />
        <source>Lý do</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialog.py" line="75" />
        <source>Lý do chậm trả kết quả</source>
        <translation>Reason for the delay</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialog.py" line="76" />
        <source>Ngày hẹn trả mới</source>
        <translation>New return date</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialog.py" line="76" />
        <source>NN/TT/NNNN GG:PP</source>
        <translation>DD/MM/YYYY HH:MM</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialog.py" line="77" />
        <source>Chỉ được hẹn lại một lần. Ngày hẹn trả đã hứa: {0} — vẫn là ngày dùng để tính đúng hạn hay quá hạn.</source>
        <translation>A new date may be set only once. The promised date, {0}, is still the one lateness is judged against.</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialog.py" line="83" />
        <source>Thời hạn khi cần xác minh: {0}, tính từ khi tiếp nhận. Giấy hẹn được in lại với ngày hẹn mới.</source>
        <translation>Limit when verification is needed: {0}, counted from receipt. The slip is printed again with the new date.</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialog.py" line="87" />
        <source>Nội dung cần xác minh</source>
        <translation>What must be verified</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialog.py" line="89" />
        <source>Nghĩa vụ tài chính (thuế, phí…)</source>
        <translation>Financial obligation (taxes, fees…)</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialog.py" line="90" />
        <source>Thời hạn tạm dừng cho đến khi người nộp thực hiện xong.</source>
        <translation>The clock stops until the applicant has paid.</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialog.py" line="93" />
        <source>Ghi chú (số biên lai, chứng từ)</source>
        <translation>Note (receipt or voucher number)</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialog.py" line="94" />
        <source>Thời hạn chạy tiếp; giấy hẹn được in lại với ngày hẹn mới.</source>
        <translation>The clock runs again; the slip is printed again with the new date.</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialog.py" line="97" />
        <source>Số hiệu bưu gửi</source>
        <translation>Postal tracking number</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialog.py" line="98" />
        <source>Bưu cục nhận gửi</source>
        <translation>Post office</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialog.py" line="100" />
        <source>Chỉ dùng khi hồ sơ bị nhập nhầm. Hồ sơ được giữ lại và ghi nhật ký, không tính vào báo cáo; mã hồ sơ không được dùng lại.</source>
        <translation>Only for a dossier entered by mistake. It is kept and audited, never counted in reports; its code is never reused.</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialog.py" line="104" />
        <source>Lý do hủy</source>
        <translation>Reason for cancelling</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialog.py" line="108" />
        <source>Ghi nhận «{0}» cho hồ sơ này?</source>
        <translation>Record “{0}” for this dossier?</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialog.py" line="115" />
        <source>Huỷ (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialog.py" line="116" />
        <source>Ghi nhận (Enter)</source>
        <translation>Record (Enter)</translation>
    </message>
</context>
<context>
    <name>ApplicantBox</name>
    <message>
        <location filename="../../ui/intake_parts.py" line="187" />
        <source>Người nộp hồ sơ</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/intake_parts.py" line="194" />
        <source>Số CCCD/định danh</source>
        <translation>Personal ID no.</translation>
    </message>
    <message>
        <location filename="../../ui/intake_parts.py" line="195" />
        <source>Họ và tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../ui/intake_parts.py" line="196" />
        <source>Ngày sinh</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../ui/intake_parts.py" line="197" />
        <source>Giới tính</source>
        <translation>Gender</translation>
    </message>
    <message>
        <location filename="../../ui/intake_parts.py" line="198" />
        <source>Nơi thường trú</source>
        <translation>Permanent address</translation>
    </message>
    <message>
        <location filename="../../ui/intake_parts.py" line="199" />
        <source>Điện thoại</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/intake_parts.py" line="200" />
        <source>Thư điện tử</source>
        <translation>Email</translation>
    </message>
    <message>
        <location filename="../../ui/intake_parts.py" line="215" />
        <source>NN/TT/NNNN</source>
        <translation>DD/MM/YYYY</translation>
    </message>
    <message>
        <location filename="../../ui/intake_parts.py" line="234" />
        <source>Loại / hình thức</source>
        <translation>Type / channel</translation>
    </message>
    <message>
        <location filename="../../ui/intake_parts.py" line="237" />
        <source>Người được ủy quyền nộp thay (nếu có)</source>
        <translation>Authorised person submitting (if any)</translation>
    </message>
    <message>
        <location filename="../../ui/intake_parts.py" line="239" />
        <source>Nộp thay</source>
        <translation>Submitted by</translation>
    </message>
    <message>
        <location filename="../../ui/intake_parts.py" line="243" />
        <source>Số giấy tờ người nộp thay</source>
        <translation>Their ID no.</translation>
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
        <location filename="../../ui/app.py" line="146" />
        <source>Chức năng «{0}» chưa có trong bản này; sẽ có khi phần đó hoàn thành.</source>
        <translation>“{0}” is not in this version yet; it comes when that part is finished.</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="147" />
        <location filename="../../ui/app.py" line="156" />
        <source>Tiếp nhận</source>
        <translation>Intake</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="147" />
        <location filename="../../ui/app.py" line="157" />
        <source>Hồ sơ</source>
        <translation>Dossiers</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="147" />
        <location filename="../../ui/app.py" line="158" />
        <source>Trả kết quả</source>
        <translation>Return results</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="148" />
        <location filename="../../ui/app.py" line="170" />
        <source>Tiếp công dân</source>
        <translation>Citizen reception</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="148" />
        <location filename="../../ui/app.py" line="177" />
        <location filename="../../ui/app.py" line="179" />
        <source>Báo cáo</source>
        <translation>Reports</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="149" />
        <location filename="../../ui/app.py" line="173" />
        <source>Thu phí</source>
        <translation>Fees</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="150" />
        <location filename="../../ui/app.py" line="167" />
        <source>Đồng bộ</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="150" />
        <location filename="../../ui/app.py" line="162" />
        <location filename="../../ui/app.py" line="164" />
        <source>Cài đặt</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="164" />
        <source>Chỉ quản trị viên được mở phần Cài đặt.</source>
        <translation>Only an administrator may open Settings.</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="179" />
        <source>Chỉ lãnh đạo và quản trị viên xem báo cáo.</source>
        <translation>Only a leader or an administrator may see reports.</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="252" />
        <source>Phiên bản {0}</source>
        <translation>Version {0}</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="254" />
        <source>Tải tại: {0}</source>
        <translation>Download: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="255" />
        <source>Hỏi quản trị cấp trên bộ cài mới.</source>
        <translation>Ask the district administrator for the new installer.</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="257" />
        <source>Có phiên bản mới {0} (máy này: {1})</source>
        <translation>New version {0} available (this PC: {1})</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="259" />
        <source>Cài đè lên bản cũ; dữ liệu được giữ và tự sao lưu trước khi nâng cấp. {0}</source>
        <translation>Install it over the old one; the data is kept and backed up before the upgrade. {0}</translation>
    </message>
</context>
<context>
    <name>DeskLabels</name>
    <message>
        <location filename="../../ui/i18n.py" line="76" />
        <source>Công dân</source>
        <translation>Citizen</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="76" />
        <source>Doanh nghiệp</source>
        <translation>Business</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="77" />
        <source>Cơ quan nhà nước</source>
        <translation>State agency</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="77" />
        <source>Tổ chức khác</source>
        <translation>Other organisation</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="78" />
        <source>Trực tiếp</source>
        <translation>In person</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="78" />
        <source>Trực tuyến</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="79" />
        <source>Bưu chính công ích</source>
        <translation>Public post</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="79" />
        <source>Bộ phận Một cửa</source>
        <translation>One-stop desk</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="80" />
        <source>Qua dịch vụ bưu chính</source>
        <translation>By post</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="80" />
        <source>Rất hài lòng</source>
        <translation>Very satisfied</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="81" />
        <source>Hài lòng</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="81" />
        <source>Không hài lòng</source>
        <translation>Dissatisfied</translation>
    </message>
</context>
<context>
    <name>DocumentsTable</name>
    <message>
        <location filename="../../ui/intake_parts.py" line="118" />
        <source>Thành phần hồ sơ</source>
        <translation>Document</translation>
    </message>
    <message>
        <location filename="../../ui/intake_parts.py" line="118" />
        <source>Bản chính</source>
        <translation>Originals</translation>
    </message>
    <message>
        <location filename="../../ui/intake_parts.py" line="119" />
        <source>Chứng thực</source>
        <translation>Certified</translation>
    </message>
    <message>
        <location filename="../../ui/intake_parts.py" line="119" />
        <source>Photo</source>
        <translation>Copies</translation>
    </message>
    <message>
        <location filename="../../ui/intake_parts.py" line="154" />
        <source>Giấy tờ khác</source>
        <translation>Other document</translation>
    </message>
</context>
<context>
    <name>DossierDeskPage</name>
    <message>
        <location filename="../../ui/dossier_desk.py" line="161" />
        <source>Hồ sơ</source>
        <translation>Dossiers</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="167" />
        <source>Tất cả</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="167" />
        <source>Tiếp nhận hôm nay</source>
        <translation>Received today</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="168" />
        <source>Đang giải quyết</source>
        <translation>In processing</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="168" />
        <source>Đến hạn hôm nay</source>
        <translation>Due today</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="169" />
        <source>Quá hạn</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="169" />
        <source>Có kết quả, chờ trả</source>
        <translation>Result ready, to return</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="170" />
        <source>Đã trả kết quả</source>
        <translation>Returned</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="170" />
        <source>Từ chối tiếp nhận</source>
        <translation>Refused</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="171" />
        <source>Chờ bổ sung</source>
        <translation>Awaiting supplement</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="171" />
        <source>Chờ nghĩa vụ tài chính</source>
        <translation>Awaiting financial obligation</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="172" />
        <source>Từ chối giải quyết</source>
        <translation>Refused after processing</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="172" />
        <source>Đã hủy (nhập nhầm)</source>
        <translation>Cancelled (entered by mistake)</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="178" />
        <source>Lọc</source>
        <translation>Filter</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="182" />
        <source>Tìm theo mã hồ sơ, số CCCD, điện thoại, tên (Ctrl+F)</source>
        <translation>Search by code, ID no., phone, name (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="214" />
        <location filename="../../ui/dossier_desk.py" line="314" />
        <source>Chọn một hồ sơ trong danh sách.</source>
        <translation>Select a dossier in the list.</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="222" />
        <source>Quá trình xử lý</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="242" />
        <source>In lại biểu mẫu… (Ctrl+P)</source>
        <translation>Reprint a form… (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="285" />
        <source>{0} hồ sơ</source>
        <translation>{0} dossiers</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="333" />
        <source>&lt;b&gt;Tiếp nhận:&lt;/b&gt; {0} ({1})</source>
        <translation>&lt;b&gt;Received:&lt;/b&gt; {0} ({1})</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="337" />
        <source>&lt;b&gt;Hẹn trả:&lt;/b&gt; {0} ({1}){2}</source>
        <translation>&lt;b&gt;Due:&lt;/b&gt; {0} ({1}){2}</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="341" />
        <source>&lt;b&gt;Hẹn lại (phiếu xin lỗi):&lt;/b&gt; {0} — không thay ngày hẹn đã hứa</source>
        <translation>&lt;b&gt;New date (apology):&lt;/b&gt; {0} — beside the promised date, not in its place</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="344" />
        <source>&lt;b&gt;Sổ theo dõi:&lt;/b&gt; quyển {0}, số thứ tự {1}</source>
        <translation>&lt;b&gt;Register:&lt;/b&gt; book {0}, line {1}</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="350" />
        <source>&lt;b&gt;Tiếp nhận tại:&lt;/b&gt; Quầy số {0} (máy khác của cơ quan), cán bộ {1}</source>
        <translation>&lt;b&gt;Received at:&lt;/b&gt; counter {0} (another PC of this office), officer {1}</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="439" />
        <source>{0} — cấp lại với ngày hẹn mới {1}</source>
        <translation>{0} — issued again with the new date {1}</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="440" />
        <source>{0} — bản {1} (hẹn trả {2})</source>
        <translation>{0} — issue {1} (due {2})</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="330" />
        <source>&lt;b&gt;Người nộp:&lt;/b&gt; {0} · CCCD {1} · ĐT {2}</source>
        <translation>&lt;b&gt;Applicant:&lt;/b&gt; {0} · ID {1} · Tel {2}</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="332" />
        <source>&lt;b&gt;Thủ tục:&lt;/b&gt; {0}</source>
        <translation>&lt;b&gt;Procedure:&lt;/b&gt; {0}</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="353" />
        <source>&lt;b&gt;Người nhận kết quả:&lt;/b&gt; {0}; bản chính trả lại: {1}</source>
        <translation>&lt;b&gt;Collected by:&lt;/b&gt; {0}; originals returned: {1}</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="356" />
        <source>&lt;b&gt;Đánh giá:&lt;/b&gt; {0}</source>
        <translation>&lt;b&gt;Rating:&lt;/b&gt; {0}</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="385" />
        <source>Chưa chọn hồ sơ.</source>
        <translation>No dossier selected.</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="389" />
        <source>Không thể «{0}» hồ sơ đang ở trạng thái «{1}».</source>
        <translation>Cannot “{0}” a dossier that is “{1}”.</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="408" />
        <source>Đã ghi «{0}» cho hồ sơ {1}.</source>
        <translation>Recorded “{0}” for dossier {1}.</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="415" />
        <location filename="../../ui/dossier_desk.py" line="446" />
        <source>{0} — hồ sơ {1}</source>
        <translation>{0} — dossier {1}</translation>
    </message>
</context>
<context>
    <name>DossierTableModel</name>
    <message>
        <location filename="../../ui/dossier_desk.py" line="80" />
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="80" />
        <source>Người nộp</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="80" />
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="80" />
        <source>Ngày nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="81" />
        <source>Hẹn trả</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="81" />
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="81" />
        <source>Thời hạn</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_desk.py" line="123" />
        <source>Hẹn trả: {0}; hẹn lại (phiếu xin lỗi): {1}</source>
        <translation>Due: {0}; new date (apology): {1}</translation>
    </message>
</context>
<context>
    <name>DueBox</name>
    <message>
        <location filename="../../ui/intake_parts.py" line="266" />
        <source>Hẹn trả kết quả:</source>
        <translation>Result due:</translation>
    </message>
    <message>
        <location filename="../../ui/intake_parts.py" line="272" />
        <source>Khai báo thời hạn… (Ctrl+J)</source>
        <translation>State the time limit… (Ctrl+J)</translation>
    </message>
    <message>
        <location filename="../../ui/intake_parts.py" line="282" />
        <source>Ghi chú (nếu có)</source>
        <translation>Note (optional)</translation>
    </message>
</context>
<context>
    <name>FeePanel</name>
    <message>
        <location filename="../../ui/fee_panel.py" line="67" />
        <source>Phí, lệ phí</source>
        <translation>Fees</translation>
    </message>
    <message>
        <location filename="../../ui/fee_panel.py" line="86" />
        <source>Số trang</source>
        <translation>Pages</translation>
    </message>
    <message>
        <location filename="../../ui/fee_panel.py" line="91" />
        <location filename="../../ui/fee_panel.py" line="189" />
        <source>Số bản</source>
        <translation>Copies</translation>
    </message>
    <message>
        <location filename="../../ui/fee_panel.py" line="97" />
        <source>Tiền mặt</source>
        <translation>Cash</translation>
    </message>
    <message>
        <location filename="../../ui/fee_panel.py" line="97" />
        <source>Chuyển khoản</source>
        <translation>Bank transfer</translation>
    </message>
    <message>
        <location filename="../../ui/fee_panel.py" line="104" />
        <source>Miễn thu: trường hợp được miễn và lý do</source>
        <translation>Exemption: the case and its reason</translation>
    </message>
    <message>
        <location filename="../../ui/fee_panel.py" line="108" />
        <source>Lý do miễn, giấy tờ chứng minh</source>
        <translation>Reason for the exemption, supporting papers</translation>
    </message>
    <message>
        <location filename="../../ui/fee_panel.py" line="109" />
        <source>Thu tiền, in biên lai</source>
        <translation>Collect, print receipt</translation>
    </message>
    <message>
        <location filename="../../ui/fee_panel.py" line="111" />
        <source>Lập và in biên lai ngay khi tiếp nhận hồ sơ</source>
        <translation>Issue and print the receipt when the dossier is received</translation>
    </message>
    <message>
        <location filename="../../ui/fee_panel.py" line="146" />
        <source> (mức chưa xác nhận)</source>
        <translation> (amount unconfirmed)</translation>
    </message>
    <message>
        <location filename="../../ui/fee_panel.py" line="172" />
        <source>Không miễn thu</source>
        <translation>No exemption</translation>
    </message>
    <message>
        <location filename="../../ui/fee_panel.py" line="178" />
        <source>Trường hợp khác (ghi lý do)</source>
        <translation>Other case (give the reason)</translation>
    </message>
    <message>
        <location filename="../../ui/fee_panel.py" line="187" />
        <source>Số {0}</source>
        <translation>Number of {0}</translation>
    </message>
    <message>
        <location filename="../../ui/fee_panel.py" line="187" />
        <source>bản</source>
        <translation>copies</translation>
    </message>
    <message>
        <location filename="../../ui/fee_panel.py" line="213" />
        <source>Nhập số trang để tính</source>
        <translation>Enter the pages to compute</translation>
    </message>
    <message>
        <location filename="../../ui/fee_panel.py" line="213" />
        <source>Ghi lý do miễn</source>
        <translation>Enter the reason</translation>
    </message>
    <message>
        <location filename="../../ui/fee_panel.py" line="214" />
        <source>Chưa thu được</source>
        <translation>Cannot collect yet</translation>
    </message>
    <message>
        <location filename="../../ui/fee_panel.py" line="224" />
        <source>Miễn thu</source>
        <translation>Exempt</translation>
    </message>
    <message>
        <location filename="../../ui/fee_panel.py" line="226" />
        <source>Không phải nộp tiền</source>
        <translation>Nothing to pay</translation>
    </message>
    <message>
        <location filename="../../ui/fee_panel.py" line="228" />
        <source>Phải nộp: {0} đồng ({1})</source>
        <translation>To pay: {0} đồng ({1})</translation>
    </message>
    <message>
        <location filename="../../ui/fee_panel.py" line="275" />
        <source>Biên lai {0}</source>
        <translation>Receipt {0}</translation>
    </message>
    <message>
        <location filename="../../ui/fee_panel.py" line="283" />
        <source>Hồ sơ đã được ghi, nhưng chưa thu được phí: {0}</source>
        <translation>The dossier is saved, but the fee was not collected: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/fee_panel.py" line="287" />
        <source>Đã lập biên lai {0}: {1} đồng.</source>
        <translation>Receipt {0} issued: {1} đồng.</translation>
    </message>
    <message>
        <location filename="../../ui/fee_panel.py" line="290" />
        <source>Đã ghi miễn thu: {0}.</source>
        <translation>Exemption recorded: {0}.</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../../ui/first_run.py" line="116" />
        <source>Khai báo lần đầu — Bộ phận Một cửa</source>
        <translation>First run — one-stop desk</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="125" />
        <source>Cơ quan</source>
        <translation>Office</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="125" />
        <location filename="../../ui/first_run.py" line="214" />
        <source>Tài khoản quản trị</source>
        <translation>Administrator account</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="126" />
        <location filename="../../ui/first_run.py" line="229" />
        <source>Máy in và khổ giấy</source>
        <translation>Printer and paper</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="253" />
        <source>Máy chủ cấp trên (không bắt buộc)</source>
        <translation>District server (optional)</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="147" />
        <source>&amp;Quay lại</source>
        <translation>&amp;Back</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="126" />
        <source>Cấp trên (tùy chọn)</source>
        <translation>District (optional)</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="149" />
        <source>&amp;Bỏ qua, làm sau</source>
        <translation>S&amp;kip, do it later</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="178" />
        <source>Thông tin cơ quan</source>
        <translation>The office</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="179" />
        <source>Những thông tin này in trên giấy hẹn và mọi biểu mẫu. Sửa được sau trong Cài đặt.</source>
        <translation>This is printed on the appointment slip and every form. It can be changed later in Settings.</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="180" />
        <source>Tên cơ quan (*)</source>
        <translation>Office name (*)</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="182" />
        <source>ví dụ: UBND xã Tân Lập</source>
        <translation>e.g. UBND xã Tân Lập</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="189" />
        <source>Tỉnh/thành phố (*)</source>
        <translation>Province/city (*)</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="191" />
        <source>gõ vài chữ, không cần dấu: thai nguyen</source>
        <translation>type a few letters, no diacritics needed: thai nguyen</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="197" />
        <source>Mã định danh cơ quan (*)</source>
        <translation>Agency code (*)</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="202" />
        <source>Địa chỉ</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="207" />
        <source>Tên bộ phận tiếp nhận</source>
        <translation>Name of the reception unit</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="208" />
        <source>Giờ làm việc</source>
        <translation>Office hours</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="209" />
        <source>Các buổi làm việc GG:PP-GG:PP, cách nhau bằng dấu phẩy.</source>
        <translation>Working sessions as HH:MM-HH:MM, separated by commas.</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="215" />
        <source>Người quản trị đăng nhập để cài đặt và tạo tài khoản cho các cán bộ khác. Hãy ghi nhớ mật khẩu: phần mềm không gửi mật khẩu đi đâu.</source>
        <translation>The administrator logs in to change settings and create the other officers' accounts. Remember the password: the software never sends it anywhere.</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="217" />
        <source>Tên đăng nhập (*)</source>
        <translation>User name (*)</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="218" />
        <source>Họ tên (*)</source>
        <translation>Full name (*)</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="219" />
        <source>Mật khẩu (*)</source>
        <translation>Password (*)</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="219" />
        <source>Nhập lại mật khẩu (*)</source>
        <translation>Repeat password (*)</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="223" />
        <source>Đã tạo tài khoản quản trị. Bấm Tiếp tục.</source>
        <translation>The administrator account is created. Press Continue.</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="230" />
        <source>Chọn máy in giấy hẹn và khổ giấy, rồi in thử một trang để xem chữ có dấu, lề giấy và mã QR.</source>
        <translation>Choose the slip printer and the paper, then print a test page to check the Vietnamese letters, the margins and the QR code.</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="233" />
        <source>(máy in mặc định của Windows/hệ thống)</source>
        <translation>(system default printer)</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="236" />
        <source>Máy in</source>
        <translation>Printer</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="238" />
        <source>A4</source>
        <translation>A4</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="238" />
        <source>A5</source>
        <translation>A5</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="238" />
        <source>Giấy cuộn 80 mm</source>
        <translation>80 mm roll</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="240" />
        <source>Khổ giấy</source>
        <translation>Paper</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="241" />
        <source>&amp;In thử một trang</source>
        <translation>Print a test &amp;page</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="254" />
        <source>Phần mềm làm việc không cần mạng ngay từ bây giờ. Khi cấp trên đã cấp địa chỉ máy chủ và mã đăng ký dùng một lần, nhập vào đây để máy tự đồng bộ; nếu chưa có, bấm «Bỏ qua, làm sau» (đăng ký sau ở trang Đồng bộ).</source>
        <translation>The desk works without a network from now on. When the district has given you its server address and a one-time enrollment code, enter them here and this PC will sync by itself; otherwise press “Skip, do it later” (enrol later on the Sync page).</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="257" />
        <source>Địa chỉ máy chủ</source>
        <translation>Server address</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="260" />
        <source>Mã đăng ký</source>
        <translation>Enrollment code</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="282" />
        <source>Đăng ký và hoàn tất (Enter)</source>
        <translation>Enrol and finish (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="283" />
        <source>Tiếp tục (Enter)</source>
        <translation>Continue (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="339" />
        <source>Đang đăng ký với cấp trên…</source>
        <translation>Enrolling with the district…</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="378" />
        <source>Mã do UBND tỉnh cấp (Quyết định 20/2020/QĐ-TTg); là phần đầu của mọi mã hồ sơ trên Cổng dịch vụ công của tỉnh.</source>
        <translation>Issued by the province (Decision 20/2020/QĐ-TTg); it is the first part of every dossier code on the province's public-service portal.</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="383" />
        <source>Mã hồ sơ đầu tiên hôm nay sẽ là: {0}</source>
        <translation>Today's first dossier code will be: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="386" />
        <source>Chỉ gồm chữ số, chữ in hoa A–Z và dấu chấm, ví dụ 000.00.07.H56.</source>
        <translation>Digits, capital letters A–Z and dots only, e.g. 000.00.07.H56.</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="393" />
        <source>Máy này chưa có máy in nào được nối với phần mềm.</source>
        <translation>No printer is connected to the software on this PC.</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="397" />
        <source>Trang in thử</source>
        <translation>Test page</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="398" />
        <source>Đang in thử…</source>
        <translation>Printing the test page…</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="409" />
        <source>máy in mặc định</source>
        <translation>the default printer</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="410" />
        <source>Đã gửi trang in thử tới «{0}». Xem tờ giấy: chữ có dấu rõ, đường kẻ in đủ, máy quét đọc được mã QR.</source>
        <translation>The test page went to “{0}”. Check the sheet: Vietnamese letters sharp, the rule printed in full, the scanner reads the QR code.</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="413" />
        <source>Chưa in được: {0}</source>
        <translation>Not printed: {0}</translation>
    </message>
</context>
<context>
    <name>IntakePage</name>
    <message>
        <location filename="../../ui/intake.py" line="100" />
        <source>Tiếp nhận hồ sơ</source>
        <translation>Dossier intake</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="104" />
        <source>Quét mã QR trên thẻ căn cước ở bất kỳ đâu trong cửa sổ để điền thông tin người nộp.</source>
        <translation>Scan the ID card's QR anywhere in the window to fill in the applicant.</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="138" />
        <source>Thủ tục hành chính</source>
        <translation>Administrative procedure</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="151" />
        <source>Gõ tên hoặc mã thủ tục (không cần dấu), Enter để chọn</source>
        <translation>Type a procedure name or code, Enter to pick</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="156" />
        <location filename="../../ui/intake.py" line="487" />
        <source>Chưa chọn thủ tục.</source>
        <translation>No procedure chosen.</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="163" />
        <source>Thành phần hồ sơ nộp</source>
        <translation>Documents handed in</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="170" />
        <source>Thêm giấy tờ khác</source>
        <translation>Add another document</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="174" />
        <source>Số bộ</source>
        <translation>Sets</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="179" />
        <source>Nhận kết quả tại</source>
        <translation>Collect result at</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="199" />
        <source>Làm mới (Ctrl+N)</source>
        <translation>New (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="201" />
        <source>Từ chối — mẫu 03 (Ctrl+Shift+R)</source>
        <translation>Refuse — form 03 (Ctrl+Shift+R)</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="203" />
        <source>Yêu cầu bổ sung — mẫu 02 (Ctrl+B)</source>
        <translation>Supplement — form 02 (Ctrl+B)</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="205" />
        <source>Tiếp nhận và in giấy hẹn (Ctrl+Enter)</source>
        <translation>Receive and print slip (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="251" />
        <source>Không đọc được mã QR trên thẻ: {0}</source>
        <translation>Could not read the card's QR: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="266" />
        <source> (đã sửa lỗi mã hóa của máy quét)</source>
        <translation> (scanner encoding repaired)</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="267" />
        <source>Đã đọc thẻ căn cước của {0}{1}. Hãy đối chiếu với thẻ.</source>
        <translation>Read the ID card of {0}{1}. Compare with the card.</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="276" />
        <source> Đã điền theo lần nộp trước: hãy đối chiếu với thẻ.</source>
        <translation> Filled in from the last visit: compare with the card.</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="280" />
        <source>Máy quét làm hỏng mã QR ở: {0}. Hãy nhập các ô báo đỏ theo thẻ.</source>
        <translation>The scanner damaged the QR code in: {0}. Type the fields marked red from the card.</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="300" />
        <source>Công dân đã nộp {0} hồ sơ tại đây; thông tin liên hệ lấy từ lần trước.</source>
        <translation>Returning citizen: {0} dossiers here before; contact details taken from the last one.</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="335" />
        <source>&lt;b&gt;{0}&lt;/b&gt; ({1})&lt;br&gt;Thời hạn: {2}. Phí, lệ phí: {3}</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt; ({1})&lt;br&gt;Time limit: {2}. Fees: {3}</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="355" />
        <source>{0} ({1})</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="441" />
        <source>Đang ghi hồ sơ…</source>
        <translation>Saving the dossier…</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="413" />
        <source>Hồ sơ chưa được ghi: hãy sửa các ô báo đỏ.</source>
        <translation>The dossier was not saved: fix the fields marked in red.</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="311" />
        <source>chưa có thời hạn</source>
        <translation>no time limit yet</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="333" />
        <source>chưa có — cán bộ khai báo một lần cho thủ tục</source>
        <translation>none yet — the officer states it once for the procedure</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="350" />
        <source>Thủ tục chưa có thời hạn: khai báo một lần →</source>
        <translation>The procedure has no time limit: state it once →</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="372" />
        <source>Đã lưu thời hạn của thủ tục {0}; các hồ sơ sau dùng lại.</source>
        <translation>Time limit of procedure {0} saved; later dossiers use it.</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="448" />
        <source>Đã tiếp nhận hồ sơ {0} của {1}. Hẹn trả: {2}.</source>
        <translation>Dossier {0} of {1} received. Due: {2}.</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="450" />
        <source>Giấy tiếp nhận và hẹn trả kết quả {0}</source>
        <translation>Receipt and appointment slip {0}</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="452" />
        <source>Đã ghi yêu cầu bổ sung hồ sơ {0} (mẫu 02).</source>
        <translation>Supplement request for dossier {0} recorded (form 02).</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="453" />
        <source>Phiếu yêu cầu bổ sung {0}</source>
        <translation>Supplement request {0}</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="455" />
        <source>Đã ghi từ chối tiếp nhận hồ sơ {0} (mẫu 03).</source>
        <translation>Refusal of dossier {0} recorded (form 03).</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="456" />
        <source>Phiếu từ chối {0}</source>
        <translation>Refusal notice {0}</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../ui/i18n.py" line="54" />
        <source>Tiếp nhận</source>
        <translation>Intake</translation>
    </message>
</context>
<context>
    <name>LimitDialog</name>
    <message>
        <location filename="../../ui/limit_dialog.py" line="36" />
        <source>Thời hạn giải quyết — thủ tục {0}</source>
        <translation>Time limit — procedure {0}</translation>
    </message>
    <message>
        <location filename="../../ui/limit_dialog.py" line="39" />
        <source>&lt;b&gt;{0}&lt;/b&gt;&lt;br&gt;Nguồn của danh mục chưa cho thời hạn dùng được. Hãy khai báo thời hạn theo quy định của tỉnh; phần mềm dùng nó cho mọi hồ sơ sau của thủ tục này và ghi là thời hạn do cơ quan xác định.</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt;&lt;br&gt;The catalogue's sources give no usable time limit. State the limit the province sets; the desk uses it for every later dossier of this procedure and records it as set by the office.</translation>
    </message>
    <message>
        <location filename="../../ui/limit_dialog.py" line="45" />
        <source>Danh mục ghi: {0}</source>
        <translation>The catalogue says: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/limit_dialog.py" line="55" />
        <source>Thời hạn giải quyết (*)</source>
        <translation>Time limit (*)</translation>
    </message>
    <message>
        <location filename="../../ui/limit_dialog.py" line="56" />
        <source>ví dụ: 03 ngày làm việc · Trong ngày · 04 giờ làm việc · 15 ngày</source>
        <translation>e.g. 03 ngày làm việc · Trong ngày · 04 giờ làm việc · 15 ngày</translation>
    </message>
    <message>
        <location filename="../../ui/limit_dialog.py" line="57" />
        <source>Khi cần xác minh</source>
        <translation>When verification is needed</translation>
    </message>
    <message>
        <location filename="../../ui/limit_dialog.py" line="58" />
        <source>ví dụ: 08 ngày làm việc (để trống nếu không có)</source>
        <translation>e.g. 08 ngày làm việc (leave empty if none)</translation>
    </message>
    <message>
        <location filename="../../ui/limit_dialog.py" line="59" />
        <source>Nhận sau giờ này thì tính từ ngày làm việc sau</source>
        <translation>Received after this time: counted from the next working day</translation>
    </message>
    <message>
        <location filename="../../ui/limit_dialog.py" line="73" />
        <source>Ghi như danh mục: «Trong ngày» (kèm giờ giới hạn nếu có), «0,5 ngày làm việc», «04 giờ làm việc», «03 ngày làm việc», hoặc «15 ngày» (ngày theo lịch: ngày cuối rơi vào ngày nghỉ thì chuyển sang ngày làm việc tiếp theo).</source>
        <translation>Write it as catalogues do: “Trong ngày” (same day, with its cutoff if any), “0,5 ngày làm việc”, “04 giờ làm việc”, “03 ngày làm việc”, or “15 ngày” (calendar days: a last day off moves to the next working day).</translation>
    </message>
    <message>
        <location filename="../../ui/limit_dialog.py" line="81" />
        <source>Huỷ (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/limit_dialog.py" line="82" />
        <source>Lưu cho thủ tục này (Enter)</source>
        <translation>Save for this procedure (Enter)</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/login.py" line="32" />
        <source>Đăng nhập — Bộ phận Một cửa</source>
        <translation>Log in — One-stop desk</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="39" />
        <source>Bộ phận tiếp nhận và trả kết quả</source>
        <translation>Reception and results desk</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="46" />
        <source>Tên đăng nhập</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="47" />
        <source>Mật khẩu</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="53" />
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
        <location filename="../../ui/main_window.py" line="153" />
        <source>Cán bộ: {0}</source>
        <translation>Officer: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="155" />
        <source>Bộ phận Một cửa — {0}</source>
        <translation>One-stop desk — {0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="158" />
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
        <location filename="../../ui/intake_parts.py" line="65" />
        <source>Yêu cầu bổ sung hồ sơ (mẫu 02)</source>
        <translation>Request a supplement (form 02)</translation>
    </message>
    <message>
        <location filename="../../ui/intake_parts.py" line="66" />
        <source>Từ chối tiếp nhận hồ sơ (mẫu 03)</source>
        <translation>Refuse the dossier (form 03)</translation>
    </message>
    <message>
        <location filename="../../ui/intake_parts.py" line="71" />
        <source>Giấy tờ cần bổ sung, hoàn thiện:</source>
        <translation>Documents to add or complete:</translation>
    </message>
    <message>
        <location filename="../../ui/intake_parts.py" line="80" />
        <source>Giấy tờ khác (mỗi loại cách nhau bằng dấu ;)</source>
        <translation>Other documents (separate with ;)</translation>
    </message>
    <message>
        <location filename="../../ui/intake_parts.py" line="82" />
        <source>Lý do:</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <location filename="../../ui/intake_parts.py" line="82" />
        <source>Lý do từ chối (bắt buộc):</source>
        <translation>Reason for refusal (required):</translation>
    </message>
    <message>
        <location filename="../../ui/intake_parts.py" line="92" />
        <source>Huỷ (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/intake_parts.py" line="93" />
        <source>Ghi và in phiếu (Ctrl+Enter)</source>
        <translation>Record and print (Ctrl+Enter)</translation>
    </message>
</context>
<context>
    <name>PreviewDialog</name>
    <message>
        <location filename="../../ui/printing.py" line="322" />
        <source>Xem trước: {0}</source>
        <translation>Preview: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="338" />
        <source>Huỷ (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="339" />
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
        <location filename="../../ui/printing.py" line="300" />
        <source>Đã huỷ in.</source>
        <translation>Printing cancelled.</translation>
    </message>
    <message>
        <location filename="../../ui/print_worker.py" line="203" />
        <source>Không khởi động được bộ phận in của chương trình. Hãy bấm «In lại»; nếu vẫn lỗi, hãy khởi động lại chương trình.</source>
        <translation>The program's print worker could not start. Press “Print again”; if it still fails, restart the program.</translation>
    </message>
    <message>
        <location filename="../../ui/print_worker.py" line="212" />
        <source>Máy in không trả lời sau {0} giây nên lệnh in đã bị dừng. Hãy kiểm tra máy in rồi bấm «In lại».</source>
        <translation>The printer did not answer for {0} seconds, so the print was stopped. Check the printer, then press “Print again”.</translation>
    </message>
    <message>
        <location filename="../../ui/print_worker.py" line="227" />
        <source>Bộ phận in của chương trình bị dừng đột ngột khi đang in (có thể do trình điều khiển máy in). Hồ sơ không bị ảnh hưởng; hãy bấm «In lại».</source>
        <translation>The program's print worker stopped suddenly while printing (perhaps the printer driver). The dossier is not affected; press “Print again”.</translation>
    </message>
</context>
<context>
    <name>RatingPanel</name>
    <message>
        <location filename="../../ui/returns.py" line="45" />
        <source>Ông/Bà có hài lòng với việc giải quyết hồ sơ không? Bấm một phím:</source>
        <translation>Are you satisfied with how your dossier was handled? Press one key:</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="50" />
        <source>1 — Rất hài lòng</source>
        <translation>1 — Very satisfied</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="50" />
        <source>2 — Hài lòng</source>
        <translation>2 — Satisfied</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="50" />
        <source>3 — Không hài lòng</source>
        <translation>3 — Dissatisfied</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="61" />
        <source>Esc — người dân không đánh giá</source>
        <translation>Esc — the citizen declines to rate</translation>
    </message>
</context>
<context>
    <name>ReceptionPage</name>
    <message>
        <location filename="../../ui/reception.py" line="135" />
        <source>Khiếu nại</source>
        <translation>Complaint</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="135" />
        <source>Tố cáo</source>
        <translation>Denunciation</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="136" />
        <source>Tranh chấp</source>
        <translation>Dispute</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="136" />
        <source>Kiến nghị, phản ánh</source>
        <translation>Proposal, report</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="137" />
        <source>Đã nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="137" />
        <source>Đang giải quyết</source>
        <translation>In processing</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="138" />
        <source>Đã giải quyết</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="138" />
        <source>Đã chuyển / hướng dẫn</source>
        <translation>Forwarded / guided</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="139" />
        <source>Đã rút</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="139" />
        <location filename="../../ui/reception.py" line="239" />
        <source>Không thụ lý</source>
        <translation>Not accepted</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="142" />
        <source>Tiếp công dân, đơn thư</source>
        <translation>Citizen reception and petitions</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="162" />
        <source>Số định danh (CCCD)</source>
        <translation>Personal ID number</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="162" />
        <source>Họ tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="163" />
        <source>Địa chỉ</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="163" />
        <source>Điện thoại</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="182" />
        <source>Số người</source>
        <translation>Persons</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="183" />
        <source>Chủ tịch UBND tiếp (ngày tiếp định kỳ)</source>
        <translation>Received by the chairman (weekly reception day)</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="190" />
        <source>Nội dung</source>
        <translation>Content</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="193" />
        <source>(Không nhận đơn)</source>
        <translation>(No petition)</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="196" />
        <source>Nhận đơn</source>
        <translation>Petition</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="199" />
        <source>mã đơn đã nhận cùng nội dung (nếu có)</source>
        <translation>number of a petition on the same content (if any)</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="200" />
        <source>Cùng nội dung với</source>
        <translation>Same content as</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="201" />
        <source>Ghi (Ctrl+Enter)</source>
        <translation>Record (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="219" />
        <source>Từ ngày</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="221" />
        <source>đến</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="227" />
        <source>Mã đơn</source>
        <translation>Petition no.</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="227" />
        <source>Loại</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="227" />
        <source>Người đứng đơn</source>
        <translation>Petitioner</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="228" />
        <source>Ngày nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="228" />
        <source>Hạn</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="228" />
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="238" />
        <source>Thụ lý</source>
        <translation>Accept</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="238" />
        <source>Gia hạn</source>
        <translation>Extend</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="238" />
        <source>Giải quyết xong</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="239" />
        <source>Chuyển / hướng dẫn</source>
        <translation>Forward / guide</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="255" />
        <source>In Sổ tiếp công dân</source>
        <translation>Print the reception register</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="257" />
        <source>In Sổ theo dõi xử lý đơn</source>
        <translation>Print the petitions register</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="294" />
        <source>Đoàn đông người</source>
        <translation>Group delegation</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="305" />
        <source>Không đọc được mã QR trên thẻ: {0}</source>
        <translation>Could not read the card's QR: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="313" />
        <source>Đã đọc thẻ căn cước của {0}. Hãy đối chiếu với thẻ.</source>
        <translation>Read the ID card of {0}. Check it against the card.</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="329" />
        <source>Công dân đã đến đây trước đó; thông tin liên hệ lấy từ lần trước.</source>
        <translation>This citizen came here before; contact details are from the last visit.</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="361" />
        <source>Đã ghi lượt tiếp {0}</source>
        <translation>Reception {0} recorded</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="363" />
        <source>; nhận đơn {0}, quyết định thụ lý trước {1}</source>
        <translation>; petition {0} taken, acceptance to be decided by {1}</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="406" />
        <source>QUÁ HẠN — {0}</source>
        <translation>OVERDUE — {0}</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="433" />
        <source>Chọn một đơn trong danh sách trước.</source>
        <translation>Choose a petition in the list first.</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="445" />
        <source>Đơn {0}: {1}.</source>
        <translation>Petition {0}: {1}.</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="461" />
        <source>Sổ tiếp công dân</source>
        <translation>Reception register</translation>
    </message>
    <message>
        <location filename="../../ui/reception.py" line="464" />
        <source>Sổ theo dõi xử lý đơn</source>
        <translation>Petitions register</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <location filename="../../ui/reports_page.py" line="132" />
        <source>Báo cáo — tình hình, kết quả giải quyết thủ tục hành chính</source>
        <translation>Reports — handling of administrative procedures</translation>
    </message>
    <message>
        <location filename="../../ui/reports_page.py" line="146" />
        <source>Từ ngày</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../ui/reports_page.py" line="148" />
        <source>đến ngày</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../../ui/reports_page.py" line="151" />
        <source>Tháng này</source>
        <translation>This month</translation>
    </message>
    <message>
        <location filename="../../ui/reports_page.py" line="151" />
        <source>Quý này</source>
        <translation>This quarter</translation>
    </message>
    <message>
        <location filename="../../ui/reports_page.py" line="152" />
        <source>Năm nay</source>
        <translation>This year</translation>
    </message>
    <message>
        <location filename="../../ui/reports_page.py" line="158" />
        <source>Xem báo cáo</source>
        <translation>Show report</translation>
    </message>
    <message>
        <location filename="../../ui/reports_page.py" line="163" />
        <source>Xuất PDF…</source>
        <translation>Export to PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/reports_page.py" line="166" />
        <source>Xuất Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <location filename="../../ui/reports_page.py" line="196" />
        <source>Hồ sơ tiếp nhận theo ngày</source>
        <translation>Dossiers received per day</translation>
    </message>
    <message>
        <location filename="../../ui/reports_page.py" line="197" />
        <source>Tỷ lệ giải quyết đúng hạn theo tháng</source>
        <translation>Share resolved in time per month</translation>
    </message>
    <message>
        <location filename="../../ui/reports_page.py" line="198" />
        <source>Hồ sơ quá hạn theo thủ tục</source>
        <translation>Overdue dossiers by procedure</translation>
    </message>
    <message>
        <location filename="../../ui/reports_page.py" line="202" />
        <source>Tình hình giải quyết</source>
        <translation>Handling</translation>
    </message>
    <message>
        <location filename="../../ui/reports_page.py" line="203" />
        <source>Chỉ số</source>
        <translation>Indicators</translation>
    </message>
    <message>
        <location filename="../../ui/reports_page.py" line="204" />
        <source>Trong ngày (ngày cuối kỳ)</source>
        <translation>The day (last day of the period)</translation>
    </message>
    <message>
        <location filename="../../ui/reports_page.py" line="205" />
        <source>Hồ sơ quá hạn</source>
        <translation>Overdue dossiers</translation>
    </message>
    <message>
        <location filename="../../ui/reports_page.py" line="206" />
        <source>Biểu đồ</source>
        <translation>Charts</translation>
    </message>
    <message>
        <location filename="../../ui/reports_page.py" line="242" />
        <source>Đang tính số liệu…</source>
        <translation>Computing the figures…</translation>
    </message>
    <message>
        <location filename="../../ui/reports_page.py" line="256" />
        <source>{0}. Tiếp nhận {1} hồ sơ (kỳ trước chuyển qua {2}, mới {3}); đã giải quyết {4}, đúng hạn {5}; đang giải quyết {6}, quá hạn {7}. Tỷ lệ trực tuyến {8}.</source>
        <translation>{0}. Received {1} dossiers ({2} carried over, {3} new); resolved {4}, in time {5}; pending {6}, overdue {7}. Online share {8}.</translation>
    </message>
    <message>
        <location filename="../../ui/reports_page.py" line="261" />
        <source>Không có số liệu trong kỳ</source>
        <translation>No figures in this period</translation>
    </message>
    <message>
        <location filename="../../ui/reports_page.py" line="267" />
        <source>Không có hồ sơ quá hạn</source>
        <translation>No overdue dossiers</translation>
    </message>
    <message>
        <location filename="../../ui/reports_page.py" line="286" />
        <source>Đang xuất báo cáo…</source>
        <translation>Exporting the report…</translation>
    </message>
    <message>
        <location filename="../../ui/reports_page.py" line="286" />
        <source>Đã lưu báo cáo: {0}</source>
        <translation>Report saved: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/reports_page.py" line="289" />
        <source>Tệp PDF (*.pdf)</source>
        <translation>PDF file (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/reports_page.py" line="289" />
        <source>Bảng tính Excel (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/reports_page.py" line="290" />
        <source>Lưu báo cáo</source>
        <translation>Save report</translation>
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
        <location filename="../../ui/returns.py" line="171" />
        <source>Giấy hẹn hợp lệ: mã kiểm tra khớp với mã hồ sơ.</source>
        <translation>Genuine slip: the check tag matches the code.</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="174" />
        <source>CẢNH BÁO: mã kiểm tra trên giấy hẹn KHÔNG khớp — giấy hẹn có thể đã bị sửa hoặc không do cơ quan này cấp. Đối chiếu giấy tờ tùy thân và sổ theo dõi trước khi trả kết quả.</source>
        <translation>WARNING: the slip's check tag does NOT match — the slip may have been altered or not issued by this office. Check the ID papers and the register before returning the result.</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="179" />
        <source>Mã quét được không phải mã QR của giấy hẹn.</source>
        <translation>The scanned code is not a slip QR.</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="181" />
        <source>Mã hồ sơ nhập tay: hãy đối chiếu giấy hẹn và giấy tờ tùy thân.</source>
        <translation>Code typed by hand: compare the slip and the ID papers.</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="188" />
        <source>Có {0} hồ sơ khớp «{1}»: hãy nhập đủ mã hồ sơ.</source>
        <translation>{0} dossiers match “{1}”: type the full code.</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="248" />
        <source>&lt;b&gt;{0}&lt;/b&gt; — {1}&lt;br&gt;&lt;b&gt;Người nộp:&lt;/b&gt; {2} · CCCD {3}&lt;br&gt;&lt;b&gt;Thủ tục:&lt;/b&gt; {4}&lt;br&gt;&lt;b&gt;Hẹn trả:&lt;/b&gt; {5} · &lt;b&gt;Có kết quả:&lt;/b&gt; {6}</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt; — {1}&lt;br&gt;&lt;b&gt;Applicant:&lt;/b&gt; {2} · ID {3}&lt;br&gt;&lt;b&gt;Procedure:&lt;/b&gt; {4}&lt;br&gt;&lt;b&gt;Due:&lt;/b&gt; {5} · &lt;b&gt;Result ready:&lt;/b&gt; {6}</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="235" />
        <source>Kết quả đã trả ngày {0}; người dân chưa đánh giá.</source>
        <translation>Result returned {0}; the citizen has not rated yet.</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="240" />
        <source>Hồ sơ đang ở trạng thái «{0}»: chưa thể trả kết quả.</source>
        <translation>The dossier is “{0}”: its result cannot be returned yet.</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="252" />
        <source> (hẹn lại {0})</source>
        <translation> (new date {0})</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="280" />
        <source>Đã trả kết quả hồ sơ {0} cho {1}.</source>
        <translation>Result of dossier {0} handed to {1}.</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="298" />
        <source>Cảm ơn Ông/Bà. Đã ghi đánh giá cho hồ sơ {0}.</source>
        <translation>Thank you. Rating recorded for dossier {0}.</translation>
    </message>
    <message>
        <location filename="../../ui/returns.py" line="303" />
        <source>Người dân không đánh giá.</source>
        <translation>The citizen declined to rate.</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../ui/settings_page.py" line="55" />
        <source>Cài đặt</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="64" />
        <source>Cơ quan</source>
        <translation>Office</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="65" />
        <location filename="../../ui/settings_page.py" line="154" />
        <source>Giờ làm việc</source>
        <translation>Office hours</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="66" />
        <source>Máy in và ngôn ngữ</source>
        <translation>Printer and language</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="67" />
        <source>Lịch nghỉ, làm bù</source>
        <translation>Days off, make-up days</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="68" />
        <source>Danh mục thủ tục</source>
        <translation>Procedure catalogue</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="87" />
        <source>Chưa lưu: hãy sửa các ô báo đỏ.</source>
        <translation>Not saved: fix the fields marked in red.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="102" />
        <source>Tên cơ quan</source>
        <translation>Office name</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="102" />
        <source>Mã định danh cơ quan</source>
        <translation>Agency code</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="103" />
        <source>Tỉnh/thành phố</source>
        <translation>Province/city</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="103" />
        <source>Cơ quan cấp trên</source>
        <translation>Upstream office</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="104" />
        <source>Địa chỉ</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="104" />
        <source>Địa danh ghi trên biểu mẫu</source>
        <translation>Place name on forms</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="104" />
        <source>Tên bộ phận tiếp nhận</source>
        <translation>Name of the reception unit</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="105" />
        <source>Điện thoại</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="105" />
        <source>Địa chỉ tra cứu hồ sơ (in trong mã QR)</source>
        <translation>Lookup URL (printed in the QR)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="106" />
        <source>Quyển sổ theo dõi số</source>
        <translation>Register book no.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="116" />
        <source>Thông tư 03/2025 (mẫu 01–07)</source>
        <translation>Circular 03/2025 (forms 01–07)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="117" />
        <source>Thông tư 01/2018 (số mẫu cũ)</source>
        <translation>Circular 01/2018 (old numbers)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="118" />
        <source>Đánh số biểu mẫu</source>
        <translation>Form numbering</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="120" />
        <source>Lưu thông tin cơ quan</source>
        <translation>Save office profile</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="141" />
        <source>Đã lưu thông tin cơ quan.</source>
        <translation>Office profile saved.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="152" />
        <source>Các buổi làm việc, dạng GG:PP-GG:PP, cách nhau bằng dấu phẩy. Hồ sơ nhận ngoài giờ được tính từ giờ mở cửa kế tiếp.</source>
        <translation>Working sessions as HH:MM-HH:MM, separated by commas. A dossier received outside them counts from the next opening.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="155" />
        <source>Lưu giờ làm việc</source>
        <translation>Save office hours</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="165" />
        <source>Đã lưu giờ làm việc.</source>
        <translation>Office hours saved.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="176" />
        <source>A4</source>
        <translation>A4</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="176" />
        <source>A5</source>
        <translation>A5</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="176" />
        <source>Giấy cuộn 80 mm</source>
        <translation>80 mm roll</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="181" />
        <source>Xem trước khi in</source>
        <translation>Preview before printing</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="192" />
        <source>Ngôn ngữ mới có hiệu lực từ lần mở phần mềm sau.</source>
        <translation>A new language applies from the next start.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="193" />
        <source>Lưu cài đặt in và ngôn ngữ</source>
        <translation>Save printing and language</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="207" />
        <source>(máy in mặc định của Windows/hệ thống)</source>
        <translation>(system default printer)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="212" />
        <source>{0} (không thấy trên máy này)</source>
        <translation>{0} (not found on this PC)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="229" />
        <source>Đã lưu cài đặt in và ngôn ngữ.</source>
        <translation>Printing and language saved.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="238" />
        <source>Năm</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="246" />
        <source>Ngày nghỉ trong tuần (lễ, Tết, nghỉ bù, cơ quan bổ sung)</source>
        <translation>Weekdays off (holidays, Tết, substitutes, office days)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="250" />
        <source>Ngày làm bù (thứ Bảy, Chủ nhật đi làm)</source>
        <translation>Make-up working days (weekends worked)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="256" />
        <source>Ngày điều chỉnh: theo văn bản (kèm nguồn), cấp trên công bố, cơ quan khai báo</source>
        <translation>Adjusted days: by decree (with its source), published by the district, set by the office</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="385" />
        <source>Thời hạn</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="400" />
        <source>như danh mục ghi: Trong ngày · 0,5 ngày làm việc · 04 giờ làm việc · 03 ngày làm việc · 15 ngày</source>
        <translation>as catalogues write it: Trong ngày · 0,5 ngày làm việc · 04 giờ làm việc · 03 ngày làm việc · 15 ngày</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="404" />
        <source>ví dụ 08 ngày làm việc; để trống nếu không có</source>
        <translation>e.g. 08 ngày làm việc; leave empty if none</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="415" />
        <source>Thời hạn giải quyết</source>
        <translation>Time limit</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="416" />
        <source>Thời hạn khi cần xác minh</source>
        <translation>Time limit when verification is needed</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="262" />
        <source>Bỏ ngày đã chọn</source>
        <translation>Remove the selected day</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="275" />
        <source>Nghỉ</source>
        <translation>Day off</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="276" />
        <source>Làm việc</source>
        <translation>Working day</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="282" />
        <source>Ngày</source>
        <translation>Day</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="283" />
        <source>Loại</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="284" />
        <source>Ghi chú</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="286" />
        <source>Thêm / sửa ngày</source>
        <translation>Add / change day</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="294" />
        <source>để trống = giờ làm việc cả năm; ví dụ 15/04: 07:00-11:30,13:30-17:00; 15/10: 07:30-11:30,13:00-16:30</source>
        <translation>empty = the same hours all year; e.g. 15/04: 07:00-11:30,13:30-17:00; 15/10: 07:30-11:30,13:00-16:30</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="298" />
        <source>tạm dừng thời hạn</source>
        <translation>pause the clock</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="299" />
        <source>tính lại thời hạn từ đầu</source>
        <translation>restart the clock</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="301" />
        <source>Tạm dừng: phần thời hạn còn lại chạy tiếp khi nhận đủ hồ sơ bổ sung. Tính lại từ đầu: cả thời hạn tính lại từ khi nhận đủ hồ sơ (khi quy định của ngành nói vậy).</source>
        <translation>Pause: the time left runs on once the supplement is complete. Restart: the whole limit counts again from the complete dossier (where the sector’s rules say so).</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="307" />
        <source>Lưu giờ theo mùa và cách tính thời hạn</source>
        <translation>Save seasonal hours and how the clock counts</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="324" />
        <source>Đã lưu giờ làm việc theo mùa và cách tính thời hạn.</source>
        <translation>Seasonal hours and the clock setting saved.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="337" />
        <source>văn bản</source>
        <translation>decree</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="337" />
        <source>cấp trên</source>
        <translation>district</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="337" />
        <source>cơ quan</source>
        <translation>office</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="339" />
        <source>nghỉ</source>
        <translation>day off</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="339" />
        <source>làm việc</source>
        <translation>working day</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="358" />
        <source>Đã ghi ngày {0:%d/%m/%Y}.</source>
        <translation>Saved {0:%d/%m/%Y}.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="363" />
        <source>Hãy chọn một ngày trong danh sách ngày cơ quan khai báo.</source>
        <translation>Select a day in the office's own list.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="367" />
        <source>Ngày {0:%d/%m/%Y} do văn bản quy định; để sửa, thêm ngày đó với loại khác (cơ quan khai báo được ưu tiên).</source>
        <translation>{0:%d/%m/%Y} is set by a decree; to correct it, add that day with the other kind (the office's days take precedence).</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="372" />
        <source>Đã bỏ ngày {0:%d/%m/%Y}.</source>
        <translation>Removed {0:%d/%m/%Y}.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="380" />
        <source>Tìm thủ tục (không cần dấu)</source>
        <translation>Search procedures</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="385" />
        <source>Mã</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="385" />
        <source>Tên thủ tục</source>
        <translation>Procedure name</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="386" />
        <source>Nhận trước giờ</source>
        <translation>Cut-off</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="386" />
        <location filename="../../ui/settings_page.py" line="419" />
        <source>Phí, lệ phí</source>
        <translation>Fees</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="417" />
        <source>Giờ nhận trong ngày (trả trong ngày)</source>
        <translation>Same-day cut-off time</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="420" />
        <source>Lưu thay đổi của cơ quan cho thủ tục này</source>
        <translation>Save the office's values for this procedure</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="438" />
        <source> (cơ quan)</source>
        <translation> (office)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="461" />
        <source>Hãy chọn một thủ tục trong bảng.</source>
        <translation>Select a procedure in the table.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="474" />
        <source>Đã lưu thủ tục {0}; lần cập nhật danh mục sau vẫn giữ giá trị này.</source>
        <translation>Procedure {0} saved; later catalogue updates keep these values.</translation>
    </message>
</context>
<context>
    <name>SyncPanel</name>
    <message>
        <location filename="../../ui/sync_panel.py" line="48" />
        <source>Bị từ chối</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="48" />
        <source>Xung đột</source>
        <translation>Conflict</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="49" />
        <source>Đang giữ lại</source>
        <translation>Held back</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="49" />
        <source>Chưa đồng bộ</source>
        <translation>Not synced</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="50" />
        <source>Đã đồng bộ</source>
        <translation>Synced</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="85" />
        <source>Đăng ký máy này với máy chủ cấp trên</source>
        <translation>Enrol this PC with the district server</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="90" />
        <source>mã dùng một lần do cấp trên cấp</source>
        <translation>one-time code from the district</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="91" />
        <source>Đăng ký</source>
        <translation>Enrol</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="94" />
        <source>Địa chỉ máy chủ</source>
        <translation>Server address</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="95" />
        <source>Mã đăng ký</source>
        <translation>Enrollment code</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="100" />
        <source>Đồng bộ ngay</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="103" />
        <source>Dừng</source>
        <translation>Stop</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="128" />
        <source>Hồ sơ và trạng thái đồng bộ</source>
        <translation>Dossiers and their sync state</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="131" />
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="131" />
        <source>Người nộp</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="131" />
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="132" />
        <source>Đồng bộ</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="138" />
        <source>Lỗi và xung đột cần xử lý</source>
        <translation>Errors and conflicts to settle</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="141" />
        <source>Hồ sơ</source>
        <translation>Dossiers</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="141" />
        <source>Vấn đề</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="141" />
        <source>Cần làm gì</source>
        <translation>What to do</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="147" />
        <source>Theo trạng thái của cấp trên</source>
        <translation>Take the district's status</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="148" />
        <source>Đã thống nhất với cấp trên: lấy trạng thái cấp trên cho hồ sơ này.</source>
        <translation>Agreed with the district: take the district's status for this dossier.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="150" />
        <source>Giữ trạng thái tại Một cửa</source>
        <translation>Keep the desk's status</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="151" />
        <source>Đã thống nhất với cấp trên: giữ trạng thái đang có tại Một cửa.</source>
        <translation>Agreed with the district: keep the status the desk has.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="153" />
        <source>Gửi lại hồ sơ bị từ chối</source>
        <translation>Send the rejected dossier again</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="154" />
        <source>Khi cấp trên báo đã khắc phục nguyên nhân: gửi lại hồ sơ đang chọn.</source>
        <translation>When the district says the cause is fixed: send the selected dossier again.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="162" />
        <location filename="../../ui/sync_panel.py" line="169" />
        <source>Chốt sổ ngày</source>
        <translation>Close the day</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="172" />
        <source>Chưa chốt sổ.</source>
        <translation>Day not closed.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="189" />
        <source>Hãy nhập địa chỉ máy chủ và mã đăng ký do cấp trên cấp.</source>
        <translation>Enter the server address and the enrollment code from the district.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="199" />
        <source>Đang đăng ký với cấp trên…</source>
        <translation>Enrolling with the district…</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="200" />
        <source>Đã đăng ký. Máy sẽ tự đồng bộ với cấp trên.</source>
        <translation>Enrolled. This PC will now sync with the district by itself.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="217" />
        <source>Đang đồng bộ với cấp trên…</source>
        <translation>Syncing with the district…</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="223" />
        <source>Đang dừng…</source>
        <translation>Stopping…</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="242" />
        <source>Đang đối chiếu với cấp trên…</source>
        <translation>Checking the day with the district…</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="251" />
        <source>Hãy chọn một dòng hồ sơ bị từ chối trong danh sách.</source>
        <translation>Select a rejected dossier in the list.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="257" />
        <source>Đã xếp {0} thay đổi để gửi lại; bấm «Đồng bộ ngay».</source>
        <translation>{0} changes queued to send again; press “Sync now”.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="267" />
        <source>Hãy chọn một dòng xung đột trong danh sách.</source>
        <translation>Select a conflict in the list.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="269" />
        <source>Đã thống nhất với cấp trên</source>
        <translation>Settled with the district</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="294" />
        <source>Đồng bộ chưa xong: {0}</source>
        <translation>Sync not finished: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="296" />
        <source>Máy sẽ tự thử lại.</source>
        <translation>It will retry by itself.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="311" />
        <source>✔ Đã chốt sổ, khớp với cấp trên. {0}</source>
        <translation>✔ Day closed and matched with the district. {0}</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="313" />
        <source>✘ Chưa khớp. {0}</source>
        <translation>✘ Not matched. {0}</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="317" />
        <source>Đã đối chiếu sổ ngày {0} với cấp trên.</source>
        <translation>The day {0} was checked against the district.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="318" />
        <source>Chưa đối chiếu được sổ ngày {0} với cấp trên.</source>
        <translation>The day {0} could not be checked against the district.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="340" />
        <source>Các quầy khác của cơ quan:</source>
        <translation>Other counters of this office:</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="343" />
        <source>Chưa thấy quầy nào khác của cơ quan.</source>
        <translation>No other counter of this office seen yet.</translation>
    </message>
    <message>
        <location filename="../../ui/sync_panel.py" line="367" />
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