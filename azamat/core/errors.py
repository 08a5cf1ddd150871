"""The domain error every service raises: a code for programs, a translated message for people."""


class DomainError(Exception):
    def __init__(self, code: str, message, *, field: str | None = None):
        super().__init__(str(message))
        self.code = code
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return str(self.message)


def form_error(form, error: DomainError) -> None:
    """Show a service's refusal on the form: on its field when the form has that field, else above the form."""
    form.add_error(error.field if error.field in form.fields else None, str(error))
