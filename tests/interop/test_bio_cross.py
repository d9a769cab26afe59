"""Fingerprints enrolled by fidoctl's client, seen by python-fido2's FPBioEnrollment, and the
other way round, on one served key with a sensor. tests/interop_bio.rs drives it: fidoctl
set the PIN and enrolled one finger named "fidoctl finger"; this test lists it, enrolls one
named "python finger", and fidoctl then lists and removes that.

Environment: FIDOCTL_SOCKET, FIDOCTL_PIN.
"""

from __future__ import annotations

from fido2.ctap2 import Ctap2
from fido2.ctap2.bio import FPBioEnrollment
from fido2.ctap2.pin import ClientPin, PinProtocolV2

from fidoctl_socket import open_device, required_env


def test_sees_fidoctls_finger_and_enrolls_its_own():
    socket_path, pin = required_env("FIDOCTL_SOCKET", "FIDOCTL_PIN", set_by="tests/interop_bio.rs")
    dev = open_device(socket_path)
    try:
        ctap = Ctap2(dev, strict_cbor=True)
        assert ctap.info.options.get("bioEnroll") is True
        client_pin = ClientPin(ctap, PinProtocolV2())
        token = client_pin.get_pin_token(pin, ClientPin.PERMISSION.BIO_ENROLL)
        bio = FPBioEnrollment(ctap, client_pin.protocol, token)
        assert list(bio.enumerate_enrollments().values()) == ["fidoctl finger"]
        enrollment = bio.enroll()
        template_id = None
        while template_id is None:
            template_id = enrollment.capture()
        bio.set_name(template_id, "python finger")
        assert sorted(bio.enumerate_enrollments().values()) == ["fidoctl finger", "python finger"]
    finally:
        dev.close()
