"""Citizen reception and petitions (tiếp công dân, đơn thư): rules, service, figures, confidentiality."""
