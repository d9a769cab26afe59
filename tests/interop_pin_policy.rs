//! PIN policy interop: python-fido2 drives a `ctap2.2` virtual key whose PIN policy is on
//! (FIDOCTL_VIRTUAL_PIN_POLICY) and sees PIN_POLICY_VIOLATION for PINs the policy refuses and
//! success for one it allows (tests/interop/test_pin_policy.py). Needs the venv, like every
//! interop test.

mod common;

use common::interop::{python, run_pytest_with, VirtualKeyServer};

fn policy_test(protocol: &str) {
    let python = python();
    let server = VirtualKeyServer::start_with_env(
        &["--profile", "ctap2.2"],
        &[("FIDOCTL_VIRTUAL_PIN_POLICY", "complexity,url=https://pins.example/policy,max=12")],
    );
    let name = format!("test_policy_refuses_and_allows[{protocol}]");
    let run = run_pytest_with(&python, "tests/interop/test_pin_policy.py", &["-k", protocol], &[], &server);
    run.assert_passed(&server, Some(1), &name);
}

#[test]
fn python_fido2_sees_the_pin_policy_protocol_2() {
    policy_test("PinProtocolV2");
}

#[test]
fn python_fido2_sees_the_pin_policy_protocol_1() {
    policy_test("PinProtocolV1");
}
