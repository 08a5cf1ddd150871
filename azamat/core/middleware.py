"""Messages for htmx requests travel in a response header, so a partial update can still show them."""

import json

from django.contrib.messages import get_messages


class HtmxMessagesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not getattr(request, "htmx", False) or 300 <= response.status_code < 400:
            return response
        storage = get_messages(request)
        items = [{"level": m.level_tag, "text": str(m)} for m in storage]
        if items:
            response.headers["HX-Trigger"] = json.dumps({"messages": items})
        return response
