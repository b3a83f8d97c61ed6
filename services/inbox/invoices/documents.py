"""Which parser reads an attachment: by its content type, else its file name."""

from services.inbox.invoices.csv_format import parse_csv
from services.inbox.invoices.domain import MAX_DOCUMENT_BYTES, InvalidInvoice, InvoiceDocument
from services.inbox.invoices.ubl import parse_ubl

CSV_TYPES = {"text/csv", "application/csv", "text/comma-separated-values"}
XML_TYPES = {"application/xml", "text/xml", "application/vnd.oasis.ubl+xml"}


def parse_document(*, filename: str, content_type: str, content: bytes) -> InvoiceDocument:
    """The invoice in a CSV or UBL 2.1 XML attachment; InvalidInvoice for anything else."""
    if len(content) > MAX_DOCUMENT_BYTES:
        raise InvalidInvoice(f"the attachment is over {MAX_DOCUMENT_BYTES} bytes", field="content")
    kind = content_type.split(";", 1)[0].strip().lower()
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if kind in CSV_TYPES or (kind not in XML_TYPES and suffix == "csv"):
        return parse_csv(content)
    if kind in XML_TYPES or suffix == "xml":
        return parse_ubl(content)
    raise InvalidInvoice(f"{content_type or 'no type'} ({filename}) is neither CSV nor UBL XML", field="content_type")
