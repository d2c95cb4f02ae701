"""Every response tells the browser which powerful features the site may use:
none but the clipboard (copying a calendar link) and full screen."""

import pytest


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/search/?q=x", "/no-such-page/", "/pl/"])
def test_permissions_policy_switches_off_unused_features(client, home_page, url):
    policy = client.get(url)["Permissions-Policy"]
    features = dict(item.strip().split("=", 1) for item in policy.split(","))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert features[feature] == "()"
    assert features["clipboard-write"] == "(self)"
    assert "*" not in policy
