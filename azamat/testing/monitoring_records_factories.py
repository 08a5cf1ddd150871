"""Test helpers of the record's pages: a monitoring organisation with its people, a photo carrying a GPS position in
its EXIF, and what the form of an event posts. Names are fictional."""

import datetime
import io

from django.utils import timezone
from PIL import Image

from azamat.testing import monitoring_factories as mf
from azamat.testing.factories import OrganisationFactory, UserFactory

GPS_IFD = 0x8825
MAKE = 0x010F


def organisation_with_team(**fields):
    """An organisation with a monitor, a second monitor, a verifier, an expert and a lawyer (two-factor on)."""
    organisation = OrganisationFactory(**fields)
    people = mf.team(organisation)
    people["monitor2"] = mf.grant(
        UserFactory(email=f"monitor2-{organisation.pk}@monitoring.example.kz", full_name="Второй Монитор"),
        organisation,
        "monitor",
    )
    return organisation, people


def jpeg_with_gps(size=(64, 48)) -> bytes:
    """A JPEG whose EXIF holds a GPS position (Almaty) and the camera's make."""
    image = Image.new("RGB", size, (200, 40, 40))
    exif = Image.Exif()
    exif[MAKE] = "PhoneMaker"
    exif[GPS_IFD] = {1: "N", 2: (43.0, 14.0, 18.0), 3: "E", 4: (76.0, 53.0, 42.0)}
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def event_post(**overrides) -> dict:
    """What a monitor types on the new-event form (the types and region by their ids)."""
    from azamat.registry.models import Region

    values = {
        "title": "Задержание пикетчиков у здания маслихата",
        "type": mf.term("event_type", "assembly").pk,
        "date": (timezone.localdate() - datetime.timedelta(days=3)).isoformat(),
        "date_precision": "day",
        "region": Region.objects.get(kato=mf.ALMATY).pk,
        "settlement_kato": "751110000",
        "place": "сквер у маслихата",
        "description": "Трое участников одиночных пикетов задержаны сотрудниками полиции.",
    }
    values.update(overrides)
    return {k: v for k, v in values.items() if v is not None}
