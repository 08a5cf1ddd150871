"""Background tasks of the surveys' exports."""

from django_tasks import task


@task()
def build_export(job_id: int) -> int:
    """Stream one export to its private file; returns the rows written."""
    from azamat.surveys.export_services import write_export
    from azamat.surveys.models import ExportJob

    job = ExportJob.objects.select_related("survey").filter(pk=job_id, status=ExportJob.Status.QUEUED).first()
    if job is None:
        return 0
    return write_export(job).rows_done
