"""A page that suggests a Home Office outcome (the file for the CPS's charging page) links to
the finalisation form with ?outcome=N: the form opens with that outcome chosen."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_finalisation_form_opens_with_the_suggested_outcome(
    client, allocated, vft_investigator
):
    client.force_login(vft_investigator)
    page = client.get(f"/reports/{allocated.local_reference}/finalise/?outcome=3").content.decode()
    assert '<option value="3" selected>' in page
    plain = client.get(f"/reports/{allocated.local_reference}/finalise/").content.decode()
    assert '<option value="3" selected>' not in plain
    odd = client.get(f"/reports/{allocated.local_reference}/finalise/?outcome=99").content.decode()
    assert '<option value="" selected>' in odd
