"""The public statistics of the NGO sector from the annual reports (`report_stats`), for a year chosen in the page:
a page for anyone, served to anonymous visitors from the public cache until a report is filed or the registry
changes (both bump the "registry" topic)."""

from django import forms
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from azamat.core.collation import sorted_alphabetically
from azamat.core.numbers import format_number
from azamat.core.public_cache import public_page
from azamat.registry import report_charts, report_stats


class YearForm(forms.Form):
    year = forms.TypedChoiceField(
        label=_("Reporting year"),
        coerce=int,
        required=False,
        error_messages={
            "invalid_choice": _(
                "There are no statistics for the year “%(value)s”. Choose one of the years in the list; "
                "the figures below are for the latest year."
            )
        },
    )

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in years]


def _topics(request, **kwargs):
    # Filing a report bumps "registry" (report_services.report_file), as does any change of an organisation.
    return ["registry"]


def _people(value) -> str:
    return format_number(value)


@require_GET
@public_page(topics=_topics, params=("year",))
def statistics(request):
    year = report_stats.default_year()
    form = YearForm(request.GET or None, years=report_stats.years(), initial={"year": year})
    if form.is_valid() and form.cleaned_data["year"]:
        year = form.cleaned_data["year"]
    stats = report_stats.statistics(year)
    regions = sorted_alphabetically(stats.regions, key=lambda row: row.label)
    areas = stats.areas  # in the classifier's order
    shown = not stats.hidden
    context = {
        "form": form,
        "year": year,
        "stats": stats,
        "shown": shown,
        "regions": regions,
        "areas": areas,
        "min_group": report_stats.MIN_GROUP,
        "filing_chart": report_charts.filing_split(regions),
        "area_chart": report_charts.bars(
            [(a.label, a.registered, format_number(a.registered)) for a in areas]
        ),
        "income_chart": report_charts.bars(
            [
                (
                    a.label,
                    None if a.hidden or not shown else a.share,
                    "—" if a.hidden or not shown else f"{format_number(a.share, decimal_places=1)}%",
                )
                for a in stats.income
            ]
        ),
        "beneficiary_chart": report_charts.bars(
            [
                (
                    a.label,
                    None if a.hidden or not shown else a.total,
                    "—" if a.hidden or not shown else _people(a.total),
                )
                for a in stats.beneficiaries
            ]
        ),
    }
    return render(request, "registry/statistics.html", context)


urlpatterns = [path("organisations/statistics/", statistics, name="statistics")]
