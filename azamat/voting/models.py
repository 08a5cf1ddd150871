"""Secret, verifiable elections on the Belenios protocol (docs/decisions/0009-voting.md).

An election belongs to a council or to an organisation (an alliance elects its board). Its administrator sets
the questions, the voter roll and who holds the other roles; the credential authority sends the voters their
credentials; two to five trustees share the decryption key with a threshold, so that no single person and not
the platform can decrypt a ballot. What the protocol produces — the trustees' public parameters, the public
credentials, the election's parameters — is kept here; the ballots, the tally and its proofs live in the
append-only Belenios archive on disk (`storage.archive_dir`), which is what anyone verifies."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Election(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Being prepared")
        KEYS = "keys", _("Trustees generating the key")
        CREDENTIALS = "credentials", _("Credentials to send")
        OPEN = "open", _("Voting")
        CLOSED = "closed", _("Closed, being decrypted")
        TALLIED = "tallied", _("Result published")

    class Purpose(models.TextChoices):
        GENERAL = "general", _("Questions and candidates written by the administrator")
        MEMBERS = "members", _("Members of the council, from its frozen list of candidates")
        CHAIR = "chair", _("The council's chair or deputy chair, from its sitting members")

    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    council = models.ForeignKey(
        "councils.Council",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="votes",
        verbose_name=_("council"),
    )
    organisation = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="votes",
        verbose_name=_("organisation or alliance"),
    )
    candidate_list = models.ForeignKey(
        "councils.CandidateList",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="votes",
        verbose_name=_("list of candidates"),
    )
    purpose = models.CharField(
        _("what the vote elects"), max_length=10, choices=Purpose.choices, default=Purpose.GENERAL
    )
    opens_at = models.DateTimeField(_("voting opens"))
    closes_at = models.DateTimeField(_("voting closes"))
    quorum = models.PositiveSmallIntegerField(
        _("quorum, per cent of the roll"), default=50, help_text=_("The share of the roll that must vote.")
    )
    threshold = models.PositiveSmallIntegerField(
        _("trustees needed to decrypt"), default=2, help_text=_("Out of all the trustees; at least 2.")
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    administrator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("administrator")
    )
    credential_authority = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("credential authority"),
    )
    uuid = models.CharField(_("Belenios identifier"), max_length=40, blank=True, editable=False)
    trustees_json = models.TextField(blank=True, editable=False)
    election_json = models.TextField(blank=True, editable=False)
    public_creds = models.TextField(blank=True, editable=False)
    credentials_sent_at = models.DateTimeField(_("credentials sent"), null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True, editable=False)
    result = models.JSONField(_("result"), null=True, blank=True, editable=False)
    ballots_counted = models.PositiveIntegerField(_("ballots counted"), null=True, blank=True, editable=False)
    tallied_at = models.DateTimeField(_("result published"), null=True, blank=True, editable=False)
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True, editable=False)
    verification = models.TextField(_("verification output"), blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["trustees_json", "election_json", "public_creds"])

    class Meta:
        ordering = ["-opens_at", "-pk"]
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(council__isnull=False, organisation__isnull=True)
                | models.Q(council__isnull=True, organisation__isnull=False),
                name="voting_election_one_owner",
            ),
            models.UniqueConstraint(
                fields=["uuid"], condition=~models.Q(uuid=""), name="voting_election_unique_uuid"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def owner(self):
        return self.council or self.organisation

    @property
    def ranked(self) -> bool:
        """A ranked question needs Belenios' non-homomorphic questions: their group, a shuffle, the STV count."""
        return self.questions.filter(ranked=True).exists()

    @property
    def group(self) -> str:
        from azamat.voting import belenios

        return belenios.RANKED_GROUP if self.ranked else belenios.GROUP

    @property
    def two_factor(self) -> bool:
        """Council elections ask for two-factor sign-in of voters."""
        return self.council_id is not None


class Question(models.Model):
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(_("number"))
    text = models.CharField(_("question"), max_length=500)
    max_choices = models.PositiveSmallIntegerField(
        _("choices allowed"),
        default=1,
        help_text=_("1: choose one; more: choose up to this many. In a ranked question: the seats to fill."),
    )
    ranked = models.BooleanField(
        _("ranked"),
        default=False,
        help_text=_("Voters rank the candidates; the seats are filled by the single transferable vote."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["election", "position"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.UniqueConstraint(fields=["election", "position"], name="voting_question_position")
        ]

    def __str__(self) -> str:
        return self.text


class Candidate(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="candidates")
    position = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("candidate or answer"), max_length=300)
    entry = models.ForeignKey(
        "councils.CandidateEntry",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entry of the list of candidates"),
    )
    member = models.ForeignKey(
        "councils.Member",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("member of the council"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["question", "position"]
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        constraints = [
            models.UniqueConstraint(fields=["question", "position"], name="voting_candidate_position"),
            models.UniqueConstraint(fields=["question", "name"], name="voting_candidate_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Voter(models.Model):
    """A person on the roll: whether and when they last voted; their private credential is never kept."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="voters")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=300)
    credential_sent_at = models.DateTimeField(_("credential sent"), null=True, blank=True)
    voted_at = models.DateTimeField(_("last voted"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["election", "name", "pk"]
        verbose_name = _("voter")
        verbose_name_plural = _("voters")
        constraints = [models.UniqueConstraint(fields=["election", "user"], name="voting_voter_once")]

    def __str__(self) -> str:
        return self.name


class Trustee(models.Model):
    """A trustee's public part of the threshold key: certificate, polynomial, verification, and her decryption
    key share encrypted under her own private key. The private key itself is never kept."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="trustees")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(_("number"))
    certificate = models.TextField(blank=True, editable=False)
    polynomial = models.TextField(blank=True, editable=False)
    vinput = models.TextField(blank=True, editable=False)
    voutput = models.TextField(blank=True, editable=False)
    decryption_key = models.TextField(blank=True, editable=False)
    partial_decryption = models.TextField(blank=True, editable=False)
    decrypted_at = models.DateTimeField(_("decrypted"), null=True, blank=True, editable=False)
    shuffle = models.TextField(blank=True, editable=False)
    shuffled_at = models.DateTimeField(_("shuffled"), null=True, blank=True, editable=False)
    history = HistoricalRecords(
        excluded_fields=[
            "shuffle",
            "certificate",
            "polynomial",
            "vinput",
            "voutput",
            "decryption_key",
            "partial_decryption",
        ]
    )

    class Meta:
        ordering = ["election", "position"]
        verbose_name = _("trustee")
        verbose_name_plural = _("trustees")
        constraints = [
            models.UniqueConstraint(fields=["election", "user"], name="voting_trustee_once"),
            models.UniqueConstraint(fields=["election", "position"], name="voting_trustee_position"),
        ]

    def __str__(self) -> str:
        return f"{self.position}"

    @property
    def step(self) -> int:
        """The next key step this trustee takes: 1 certificate, 3 polynomial, 5 verification, 0 none now."""
        if not self.certificate:
            return 1
        if not self.polynomial:
            return 3
        if self.vinput and not self.voutput:
            return 5
        return 0


class Ballot(models.Model):
    """A ballot accepted into the box: its tracker (the hash the voter is sent) and the public credential's
    hash, to refuse a credential used by a second person. The server knows who cast which encrypted ballot, as
    any Belenios server does; never what is in it."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="ballots")
    tracker = models.CharField(_("ballot tracker"), max_length=64)
    credential_hash = models.CharField(max_length=64, editable=False)
    cast_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    cast_at = models.DateTimeField(_("cast"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["election", "cast_at", "pk"]
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        indexes = [models.Index(fields=["election", "credential_hash"], name="voting_ballot_credential")]

    def __str__(self) -> str:
        return self.tracker
