"""Background tasks of petitions: counting (every few seconds, or the `petitions_count --loop` worker), the
nightly reconciliation, the daily closing of petitions past their date, and emailing the addressee's answer."""

from django_tasks import task


@task()
def petitions_count() -> int:
    """One counting run (skipped when another holds the lock); returns the signatures added."""
    from azamat.campaigns.counting import count_signatures

    result = count_signatures()
    return result["counted"] if result else 0


@task()
def petitions_reconcile() -> int:
    """Nightly: set each count from its rows; returns how many petitions were corrected."""
    from azamat.campaigns.counting import reconcile

    return len(reconcile())


@task()
def petitions_close_due() -> int:
    """Daily: close the petitions past their closing date and send them to their addressees."""
    from azamat.campaigns.counting import close_due

    return len(close_due())


@task()
def petition_answer_notify(petition_id: int) -> int:
    """Email the addressee's answer to the petition's signers who asked for updates."""
    from azamat.campaigns.petition_services import answer_notify

    return answer_notify(petition_id)


@task()
def petition_send_link(signature_id: int, again: bool = False, to: str = "", language: str = "") -> bool:
    """A signer's confirmation email (or "you already signed"), rendered and sent by the worker; `to` is the
    address sealed; `language` the page's the person signed from (empty: the signature's)."""
    from azamat.campaigns.petition_services import send_link

    return send_link(signature_id, again, to, language)
