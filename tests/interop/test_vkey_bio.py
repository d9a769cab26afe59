"""A virtual key with a fingerprint sensor, as python-fido2's FPBioEnrollment and ClientPin
see it: enrollment with a poor sample in the middle, naming, listing, removal, and a token
for a finger instead of a PIN (getPinUvAuthTokenUsingUvWithPermissions).

Environment (tests/interop_vkey.rs sets it): FIDOCTL_SOCKET, a fresh served ctap2.1 key with
a sensor whose samples are good, poor-quality, good, good (3 good ones needed).
"""

from __future__ import annotations

import pytest
from fido2.ctap2 import Ctap2
from fido2.ctap2.bio import CaptureError, FPBioEnrollment
from fido2.ctap2.pin import ClientPin, PinProtocolV2

from fidoctl_socket import open_device, required_env

PIN = "112358"


@pytest.fixture
def ctap():
    (socket_path,) = required_env("FIDOCTL_SOCKET", set_by="tests/interop_vkey.rs")
    dev = open_device(socket_path)
    try:
        yield Ctap2(dev, strict_cbor=True)
    finally:
        dev.close()


def test_enroll_rename_list_remove_and_uv_by_finger(ctap):
    assert ctap.info.options.get("bioEnroll") is False
    assert ctap.info.options.get("uv") is False
    client_pin = ClientPin(ctap, PinProtocolV2())
    client_pin.set_pin(PIN)
    token = client_pin.get_pin_token(PIN, ClientPin.PERMISSION.BIO_ENROLL)
    bio = FPBioEnrollment(ctap, client_pin.protocol, token)
    info = bio.get_fingerprint_sensor_info()
    assert info[FPBioEnrollment.RESULT.MAX_SAMPLES_REQUIRED] == 3

    enrollment = bio.enroll()
    statuses = []
    template_id = None
    while template_id is None:
        try:
            template_id = enrollment.capture()
            statuses.append("good")
        except CaptureError as e:
            statuses.append(e.code)
    assert statuses[1] == FPBioEnrollment.FEEDBACK.FP_POOR_QUALITY, statuses
    assert len(statuses) == 4

    bio.set_name(template_id, "left index")
    assert bio.enumerate_enrollments() == {template_id: "left index"}
    info = ctap.get_info()
    assert info.options.get("bioEnroll") is True and info.options.get("uv") is True

    uv_token = client_pin.get_uv_token(ClientPin.PERMISSION.GET_ASSERTION)
    assert len(uv_token) == 32
    assert client_pin.get_uv_retries() == 5

    # The UV token replaced the be token (one token at a time): get another to remove.
    bio = FPBioEnrollment(ctap, client_pin.protocol, client_pin.get_pin_token(PIN, ClientPin.PERMISSION.BIO_ENROLL))
    bio.remove_enrollment(template_id)
    assert bio.enumerate_enrollments() == {}
