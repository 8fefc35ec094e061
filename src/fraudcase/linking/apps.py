from typing import TYPE_CHECKING, Any

from django.apps import AppConfig

if TYPE_CHECKING:
    from fraudcase.jobs.registry import Upload


class LinkingConfig(AppConfig):
    name = "fraudcase.linking"
    label = "linking"
    verbose_name = "Linking"

    def ready(self) -> None:
        from fraudcase.intake import hooks
        from fraudcase.jobs import registry as jobs
        from fraudcase.jobs.models import JobKind
        from fraudcase.reports import services as report_services

        # A linking run over everything is a job (its page shows the progress), and every
        # NFIB package import links its new reports (docs/architecture.md "How a lower app
        # reaches a higher one").
        jobs.register(JobKind.LINKING, _run_linking_job)
        hooks.after_import(_link_after_import)
        # ... and its new victims join the persons held (repeat victims, linking.persons).
        hooks.after_import(_link_persons_after_import)
        # A report whose personal data is erased has no suspect identifiers left: it leaves its
        # series, and the rest of the series is linked again (it may fall apart).
        report_services.on_erasure(_unlink_erased)
        # ... and its victim leaves its person (the rest of the person is linked again).
        report_services.on_erasure(_unlink_person_erased)


# polars is loaded when linking runs, not when any command starts.
def _run_linking_job(upload: "Upload") -> dict[str, object]:
    from .linkrun import link_everything
    from .personrun import link_persons

    series = link_everything(
        user=upload.user, progress=lambda stage, percent: upload.progress(stage, percent // 2)
    ).as_dict()
    found = link_persons(
        user=upload.user,
        progress=lambda stage, percent: upload.progress(stage, 50 + percent // 2),
    )
    return {**series, "persons": found.as_dict(), "message": f"{series['message']} {found.message}"}


def _link_after_import(references: list[str], user: Any, progress: Any) -> None:
    from .linkrun import link_after_import

    link_after_import(references, user, progress)


def _unlink_erased(report: Any) -> None:
    from .linkrun import unlink_erased

    unlink_erased(report.pk)


def _link_persons_after_import(references: list[str], user: Any, progress: Any) -> None:
    from .personrun import link_after_import

    link_after_import(references, user, progress)


def _unlink_person_erased(report: Any) -> None:
    from .personrun import unlink_erased

    unlink_erased(report.pk)
