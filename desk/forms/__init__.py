"""Printed forms (ReportLab, no Qt): the receipt-and-appointment slip with its QR code, the other
one-stop forms, the register, and their archive."""

from desk.forms.qr import ScannedSlip, slip_url, verify_slip_text
from desk.forms.service import FORM_KINDS, FormService

__all__ = ["FORM_KINDS", "FormService", "ScannedSlip", "slip_url", "verify_slip_text"]
