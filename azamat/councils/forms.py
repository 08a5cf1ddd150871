"""Forms of the councils module: the public filters, a council's record, members, committees, secretaries,
documents, meetings, attendance, decisions and minutes."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from azamat.accountability.services import LONGEST_ANSWER_WAIT
from azamat.core import fields as core_fields
from azamat.core.collation import sorted_choices
from azamat.councils.models import Attendance, Council, Decision, Document, Level, Member
from azamat.councils.plausible import FIRST_YEAR, last_year, plausible
from azamat.registry.models import GovernmentBody, Organisation, Region

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class _OwnIds:
    """Several forms share a page: each names its fields' ids with its own prefix, so no id repeats."""

    id_prefix = "id"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", f"{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)


def _user_by_email(email: str):
    user = get_user_model().objects.filter(email__iexact=email).first()
    if user is None:
        raise forms.ValidationError(_("No person with this email has an account on Azamat."))
    return user


class FilterForm(forms.Form):
    q = core_fields.CharField(label=_("Search by name or body"), max_length=100, required=False)
    level = forms.ChoiceField(label=_("Level"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = [("", _("All levels")), *Level.choices]
        regions = sorted_choices((str(r.pk), r.name) for r in Region.objects.all())
        self.fields["region"].choices = [("", _("All regions")), *regions]

    def filters(self) -> dict:
        """The valid filters; one refused (a stale link's region) is dropped alone and the form says why. A
        search refused (too long) is not dropped: `search_refused` tells the view to list nothing."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        region = data.get("region")
        return {
            "level": data.get("level", ""),
            "region": int(region) if region else None,
            "query": data.get("q", ""),
        }

    @property
    def search_refused(self) -> bool:
        return self.is_bound and "q" in self.errors


class CouncilForm(_OwnIds, forms.ModelForm):
    id_prefix = "council"
    body = core_fields.AlphabeticalModelChoiceField(
        label=_("Body the council sits at"), queryset=GovernmentBody.objects.all()
    )
    region = core_fields.AlphabeticalModelChoiceField(
        label=_("Region"), queryset=Region.objects.all(), required=False
    )

    class Meta:
        model = Council
        fields = [
            "name_kk",
            "name_ru",
            "name_en",
            "level",
            "body",
            "region",
            "term_starts_on",
            "term_ends_on",
            "about",
            "email",
            "phone",
            "address",
            "website",
        ]
        widgets = {"term_starts_on": DATE, "term_ends_on": DATE}
        formfield_callback = core_fields.model_fields({"about": 5000})


class MemberAddForm(_OwnIds, forms.Form):
    id_prefix = "member"
    full_name = core_fields.CharField(label=_("Full name"), max_length=200)
    role = forms.ChoiceField(label=_("Role"), choices=Member.Role.choices, initial=Member.Role.MEMBER)
    represents = forms.ChoiceField(label=_("Represents"), choices=Member.Represents.choices)
    organisation_bin = core_fields.CharField(
        label=_("BIN of the organisation"),
        max_length=12,
        required=False,
        help_text=_("For a member from an NGO: the organisation's 12-digit BIN, as in the NGO registry."),
    )
    state_body = core_fields.AlphabeticalModelChoiceField(
        label=_("State body"), queryset=GovernmentBody.objects.all(), required=False
    )
    position = core_fields.CharField(label=_("Position"), max_length=300, required=False)
    email = forms.EmailField(
        label=_("Email of the person's account"),
        required=False,
        help_text=_("Optional: links the seat to the person's account on Azamat."),
    )
    joined_on = core_fields.DateField(label=_("Joined on"), widget=DATE)
    committees = core_fields.AlphabeticalModelMultipleChoiceField(
        label=_("Permanent committees"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committees"].queryset = council.committees.all()
        if not council.committees.exists():
            del self.fields["committees"]

    def clean_organisation_bin(self):
        value = self.cleaned_data["organisation_bin"].strip()
        if not value:
            return None
        organisation = Organisation.objects.filter(bin=value).first()
        if organisation is None:
            raise forms.ValidationError(_("No organisation with this BIN is in the registry."))
        return organisation

    def clean_email(self):
        email = self.cleaned_data["email"]
        return _user_by_email(email) if email else None


class MemberEditForm(_OwnIds, forms.Form):
    id_prefix = "seat"
    role = forms.ChoiceField(label=_("Role"), choices=Member.Role.choices)
    position = core_fields.CharField(label=_("Position"), max_length=300, required=False)
    committees = core_fields.AlphabeticalModelMultipleChoiceField(
        label=_("Permanent committees"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, member, **kwargs):
        kwargs.setdefault(
            "initial",
            {"role": member.role, "position": member.position, "committees": list(member.committees.all())},
        )
        super().__init__(*args, **kwargs)
        self.fields["committees"].queryset = member.council.committees.all()


class MemberLeaveForm(_OwnIds, forms.Form):
    id_prefix = "leave"
    left_on = core_fields.DateField(label=_("Left on"), widget=DATE)
    reason = core_fields.CharField(label=_("Reason"), max_length=300, required=False)


class CommitteeForm(_OwnIds, forms.Form):
    id_prefix = "committee"
    name_kk = core_fields.CharField(label=_("Name of the committee in Kazakh"), max_length=300)
    name_ru = core_fields.CharField(label=_("Name of the committee in Russian"), max_length=300)
    name_en = core_fields.CharField(
        label=_("Name of the committee in English"), max_length=300, required=False
    )


class SecretaryForm(_OwnIds, forms.Form):
    id_prefix = "secretary"
    email = forms.EmailField(
        label=_("Email of the secretary"),
        max_length=254,
        help_text=_("The person must already have an account on Azamat."),
    )

    def clean_email(self):
        return _user_by_email(self.cleaned_data["email"])


class DocumentForm(_OwnIds, forms.Form):
    id_prefix = "document"
    title = core_fields.CharField(label=_("Title"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind"), choices=Document.Kind.choices)
    file = forms.FileField(
        label=_("File"),
        help_text=format_lazy(
            "{} {}",
            _("PDF, DOCX, XLSX, ODT, PNG or JPEG, at most 20 MB."),
            _("HEIC photos from an iPhone are taken as JPEG."),  # services/councils.py
        ),
    )
    is_public = forms.BooleanField(label=_("Public: anyone may read it"), required=False, initial=True)


class MeetingForm(_OwnIds, forms.Form):
    id_prefix = "meeting"
    starts_at = forms.DateTimeField(label=_("Starts at"), widget=DATETIME)
    ends_at = forms.DateTimeField(label=_("Ends at"), widget=DATETIME, required=False)
    place = core_fields.CharField(label=_("Place"), max_length=300, required=False)
    online_url = forms.URLField(
        label=_("Link to join or watch online"), required=False, assume_scheme="https"
    )
    agenda = core_fields.CharField(
        label=_("Agenda"),
        max_length=5000,
        required=False,
        widget=core_fields.Textarea(attrs={"rows": 5}),
        help_text=_("One question a line; more can be added later."),
    )

    def _plausible(self, name: str):
        # Year 1 typed by mistake cannot even be stored (its time in UTC falls before the calendar starts).
        value = self.cleaned_data.get(name)
        if value is not None and not plausible(value):
            raise forms.ValidationError(
                _("Check the year: a meeting can be held from %(first)s to %(last)s."),
                params={"first": FIRST_YEAR, "last": last_year()},
                code="implausible_year",
            )
        return value

    def clean_starts_at(self):
        return self._plausible("starts_at")

    def clean_ends_at(self):
        return self._plausible("ends_at")

    def agenda_lines(self) -> list[str]:
        return [line.strip()[:500] for line in self.cleaned_data["agenda"].splitlines() if line.strip()]


class AgendaItemForm(_OwnIds, forms.Form):
    id_prefix = "agenda"
    title = core_fields.CharField(label=_("Question"), max_length=500)
    speaker = core_fields.CharField(label=_("Speaker"), max_length=200, required=False)


class AttendanceForm(_OwnIds, forms.Form):
    """One choice per member seated on the meeting's day: present, absent, or absent with a reason."""

    id_prefix = "attendance"

    def __init__(self, *args, members, marked: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = {f"member_{m.pk}": m for m in members}
        for name, member in self.members.items():
            self.fields[name] = forms.ChoiceField(
                label=member.full_name,
                choices=Attendance.Status.choices,
                initial=marked.get(member.pk, Attendance.Status.PRESENT),
                widget=forms.RadioSelect,
            )

    def statuses(self) -> dict:
        return {member: self.cleaned_data[name] for name, member in self.members.items()}


class DecisionForm(_OwnIds, forms.Form):
    id_prefix = "decision"
    kind = forms.ChoiceField(label=_("Kind"), choices=Decision.Kind.choices)
    title = core_fields.CharField(label=_("Title"), max_length=300)
    text = core_fields.CharField(
        label=_("Text"), max_length=10000, widget=core_fields.Textarea(attrs={"rows": 6})
    )
    agenda_item = forms.ModelChoiceField(label=_("Agenda item"), queryset=None, required=False)
    proposed_by = forms.ModelChoiceField(
        label=_("Proposed by"),
        queryset=None,
        required=False,
        help_text=_("A recommendation counts among its author's KPIs."),
    )
    addressees = core_fields.AlphabeticalModelMultipleChoiceField(
        label=_("Addressed to (for a recommendation)"),
        queryset=GovernmentBody.objects.all(),
        required=False,
    )
    due_on = core_fields.DateField(
        label=_("Answer due on (for a recommendation)"),
        widget=DATE,
        required=False,
        help_text=_("A working day."),
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = meeting.agenda.order_by("position", "pk")
        self.fields["proposed_by"].queryset = meeting.council.members.filter(left_on__isnull=True).order_by(
            "full_name", "pk"
        )

    def clean_due_on(self):
        # A year typed as 9999 made the deadline count run past the calendar's end (a server error).
        value = self.cleaned_data.get("due_on")
        last = timezone.localdate() + LONGEST_ANSWER_WAIT
        if value is not None and value > last:
            raise forms.ValidationError(
                _("Check the date: an answer can be due no later than %(last)s."),
                params={"last": f"{last:%d.%m.%Y}"},
                code="implausible_due_date",
            )
        return value


class MinutesForm(_OwnIds, forms.Form):
    id_prefix = "minutes"
    minutes = core_fields.CharField(
        label=_("Minutes"), max_length=50000, widget=core_fields.Textarea(attrs={"rows": 12})
    )
    # When the minutes were last saved as the form was loaded: a save over a colleague's (or another tab's) is
    # refused, not silently made.
    loaded_at = core_fields.LoadedAtField()


class CancelForm(_OwnIds, forms.Form):
    id_prefix = "cancel"
    reason = core_fields.CharField(label=_("Reason for cancelling"), max_length=300)
