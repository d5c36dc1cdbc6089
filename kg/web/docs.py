"""The OpenAPI page ``/docs``: Swagger UI from the vendored copy in
``kg/linked/static/vendor/swagger-ui`` (refreshed by tools/vendor_js.py), so that it works
offline; FastAPI's own page loads it from a CDN."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse

from kg.web.state import mount_root

router = APIRouter()

_VENDOR = "/static/vendor/swagger-ui"


@router.get("/docs", include_in_schema=False)
def docs(request: Request) -> HTMLResponse:
    """Swagger UI over the app's OpenAPI description."""
    root = mount_root(request)
    return get_swagger_ui_html(
        openapi_url=f"{root}{request.app.openapi_url}",
        title=f"{request.app.title}: API",
        swagger_js_url=f"{root}{_VENDOR}/swagger-ui-bundle.js",
        swagger_css_url=f"{root}{_VENDOR}/swagger-ui.css",
        swagger_favicon_url=f"{root}{_VENDOR}/favicon-32x32.png",
    )
