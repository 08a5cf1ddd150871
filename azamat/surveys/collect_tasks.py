"""Background tasks of collection: the invitation emails."""

from django_tasks import task


@task()
def survey_invitation_send(invitation_id: int) -> bool:
    """One invitation's email with its personal link, rendered and sent by the worker."""
    from azamat.surveys.collect_services import send_invitation

    return send_invitation(invitation_id)
