"""Fees and their receipts (phí, lệ phí; biên lai thu tiền): the schedule as data, self-printed receipts
whose numbers never repeat across the commune's PCs, the till's close, and the collections report.

Money is always a whole number of đồng (`int`), never a float.
"""
