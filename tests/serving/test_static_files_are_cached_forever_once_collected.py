"""Issue 16, item 6: once `collectstatic` has run, pages link each static file by a name with
its content's hash and it is served compressed and cached for ten years; before it has run
(development, tests) pages link the plain names and still get their files."""

import re

from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.test import RequestFactory
from django.utils.functional import empty
from whitenoise.middleware import WhiteNoiseMiddleware

from fraudcase import settings as product


def fresh_storage():
    staticfiles_storage._wrapped = empty  # read STATIC_ROOT and the manifest again


def serve(path, **headers):
    middleware = WhiteNoiseMiddleware(lambda request: None)
    return middleware(RequestFactory().get(path, **headers))


def test_before_collectstatic_pages_link_the_plain_name(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    fresh_storage()
    try:
        assert staticfiles_storage.url("fraudcase.css") == "/static/fraudcase.css"
        assert serve("/static/fraudcase.css").status_code == 200
    finally:
        fresh_storage()


def test_after_collectstatic_pages_link_hashed_names_served_compressed_for_ten_years(
    settings, tmp_path
):
    settings.STATIC_ROOT = tmp_path
    settings.STATICFILES_DIRS = [product.BASE_DIR / "static"]  # the product's own: quick
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    settings.WHITENOISE_USE_FINDERS = False
    fresh_storage()
    try:
        call_command("collectstatic", "--no-input", verbosity=0)
        fresh_storage()
        url = staticfiles_storage.url("fraudcase.css")
        assert re.fullmatch(r"/static/fraudcase\.[0-9a-f]{12}\.css", url), url
        response = serve(url, HTTP_ACCEPT_ENCODING="gzip")
        assert response.status_code == 200
        assert response["Cache-Control"] == "max-age=315360000, public, immutable"
        assert response["Content-Encoding"] == "gzip"
        # A file the last collectstatic did not see is linked by its plain name, not a 500.
        assert staticfiles_storage.url("added-since.css") == "/static/added-since.css"
    finally:
        fresh_storage()
