"""Building the intake's doors from the settings: the SMTP listener and the IMAP poll job."""

from services.inbox.intake import imap, smtp
from services.inbox.intake.polling import poll_mailbox
from services.inbox.intake.service import IntakeOptions, receive
from services.inbox.messages.domain import Limits
from shared.runtime import ServiceRuntime


def options_of(settings) -> IntakeOptions:
    return IntakeOptions(
        limits=Limits(max_attachment_bytes=settings.attachment_max_bytes),
        default_location_id=settings.default_location_id,
    )


def plug_in(runtime: ServiceRuntime) -> None:
    """The SMTP receiver while the service runs (unless switched off); the poller when a mailbox is set."""
    settings, options = runtime.settings, options_of(runtime.settings)

    async def deliver(raw: bytes, recipients: list[str], sender: str):
        return await receive(
            uow=runtime.uow(), raw=raw, channel="smtp", envelope_recipients=recipients, options=options
        )

    async def start_smtp():
        server = await smtp.start_server(
            deliver,
            host=settings.smtp_host,
            port=settings.smtp_port,
            max_bytes=settings.smtp_max_bytes,
            domains=frozenset(settings.accepted_domains),
            addresses=frozenset(settings.accepted_addresses),
        )

        async def stop():
            server.close()
            await server.wait_closed()

        return stop

    if settings.smtp_enabled:
        runtime.alongside(start_smtp, name="inbox.smtp")
    if settings.imap_host:
        box = imap.Mailbox(
            host=settings.imap_host,
            port=settings.imap_port,
            user=settings.imap_user,
            password=settings.imap_password,
            folder=settings.imap_folder,
            tls=settings.imap_tls,
        )
        runtime.every(
            settings.imap_poll_interval_s,
            lambda: poll_mailbox(new_uow=runtime.uow, box=box, options=options),
            name="inbox.imap_poll",
        )
