"""`{% step option %}`: one step of a record's life in its place on a page, from the lifecycle table.

The view passes the steps it offers this person (`steps = MACHINE.options(record, user, "withdraw")`, or
`MACHINE.allowed(record, user)`, core/statemachine.py); the page shows each with

    {% load steps %}
    {% url 'grants:application_withdraw' application.pk as action %}
    {% step steps.withdraw action=action label=_("Withdraw the application") css="btn danger" %}

When the step is allowed: a form posting to `action` (the page itself if none) with one button (`label`, or
the transition's label; `name`/`value` for the button). When it is refused: the guard's reason in plain
words (`role="note"`), never a dead button. No option (a step the view does not offer): nothing. A page whose
form carries fields of its own (a seed, a comment) shows it under `{% if steps.draw.decision %}` and this tag
for the reason otherwise.
"""

from django import template

register = template.Library()


@register.inclusion_tag("core/_step.html", takes_context=True)
def step(context, option, action="", label="", css="btn", name="", value=""):
    return {
        "option": option,
        "allowed": bool(option and option.decision),
        "reason": option.decision.reason if option else "",
        "action": action,
        "label": label or (option.transition.label if option else ""),
        "css": css,
        "name": name,
        "value": value,
        "csrf_token": context.get("csrf_token"),
    }
