
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'fidoctl' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'fidoctl'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'fidoctl' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, json or csv for scripts')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a touch on the key (at most 86400, one day)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)')
            [CompletionResult]::new('--token-dir', '--token-dir', [CompletionResultType]::ParameterName, 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read PINs from standard input, one per line (see `fidoctl pin --help`)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not record changes made to keys')
            [CompletionResult]::new('--journal-required', '--journal-required', [CompletionResultType]::ParameterName, 'Refuse to change a key unless the journal can record it (checked before the key is touched)')
            [CompletionResult]::new('--journal-syslog', '--journal-syslog', [CompletionResultType]::ParameterName, 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List every security key: path, VID:PID, product, AAGUID, model, CTAP versions')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Show what a key is: decoded getInfo, PIN state, retries')
            [CompletionResult]::new('wink', 'wink', [CompletionResultType]::ParameterValue, 'Blink the key so you can find it on the desk')
            [CompletionResult]::new('select', 'select', [CompletionResultType]::ParameterValue, 'Ask you to touch the key you mean, and print its path')
            [CompletionResult]::new('pin', 'pin', [CompletionResultType]::ParameterValue, 'Set, change and verify the key''s PIN')
            [CompletionResult]::new('creds', 'creds', [CompletionResultType]::ParameterValue, 'List, delete and update the discoverable credentials on a key (needs the PIN)')
            [CompletionResult]::new('ssh', 'ssh', [CompletionResultType]::ParameterValue, 'SSH keys on the key (OpenSSH''s resident `ssh:` credentials): list them, export their files')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Change the key''s settings: always-UV (on or off again) and enterprise attestation (only a factory reset turns it off)')
            [CompletionResult]::new('reset', 'reset', [CompletionResultType]::ParameterValue, 'Factory-reset a key: erases every credential, the PIN and all settings (guided)')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Health check: register a throwaway credential, sign in, verify attestation and signature, clean up')
            [CompletionResult]::new('make-credential', 'make-credential', [CompletionResultType]::ParameterValue, 'Expert: register a credential and print everything about it (JSON with --json)')
            [CompletionResult]::new('get-assertion', 'get-assertion', [CompletionResultType]::ParameterValue, 'Expert: sign in and print the assertion(s) (JSON with --json)')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Audit every selected key against a policy (no PIN needed): inventory, verdicts, exit codes for scripts')
            [CompletionResult]::new('journal', 'journal', [CompletionResultType]::ParameterValue, 'What fidoctl changed on keys, and when (the journal); `journal verify` checks its hash chain')
            [CompletionResult]::new('bio', 'bio', [CompletionResultType]::ParameterValue, 'Manage the fingerprints on a key with a sensor')
            [CompletionResult]::new('virtual', 'virtual', [CompletionResultType]::ParameterValue, 'Create, serve and re-plug virtual keys (software authenticators for tests and training)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Write the man pages into a folder')
            [CompletionResult]::new('blobs', 'blobs', [CompletionResultType]::ParameterValue, 'Large blobs: per-credential data stored on the key (for example SSH certificates)')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'CTAP 2.2 persistent read-only tokens: `creds list` and `audit` without a PIN')
            [CompletionResult]::new('enroll', 'enroll', [CompletionResultType]::ParameterValue, 'Enrol one key to a policy: audit it, apply the policy''s [enroll] settings, re-audit, record')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'fidoctl;list' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, json or csv for scripts')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a touch on the key (at most 86400, one day)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)')
            [CompletionResult]::new('--token-dir', '--token-dir', [CompletionResultType]::ParameterName, 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read PINs from standard input, one per line (see `fidoctl pin --help`)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not record changes made to keys')
            [CompletionResult]::new('--journal-required', '--journal-required', [CompletionResultType]::ParameterName, 'Refuse to change a key unless the journal can record it (checked before the key is touched)')
            [CompletionResult]::new('--journal-syslog', '--journal-syslog', [CompletionResultType]::ParameterName, 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'fidoctl;info' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, json or csv for scripts')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a touch on the key (at most 86400, one day)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)')
            [CompletionResult]::new('--token-dir', '--token-dir', [CompletionResultType]::ParameterName, 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read PINs from standard input, one per line (see `fidoctl pin --help`)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not record changes made to keys')
            [CompletionResult]::new('--journal-required', '--journal-required', [CompletionResultType]::ParameterName, 'Refuse to change a key unless the journal can record it (checked before the key is touched)')
            [CompletionResult]::new('--journal-syslog', '--journal-syslog', [CompletionResultType]::ParameterName, 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'fidoctl;wink' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, json or csv for scripts')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a touch on the key (at most 86400, one day)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)')
            [CompletionResult]::new('--token-dir', '--token-dir', [CompletionResultType]::ParameterName, 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read PINs from standard input, one per line (see `fidoctl pin --help`)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not record changes made to keys')
            [CompletionResult]::new('--journal-required', '--journal-required', [CompletionResultType]::ParameterName, 'Refuse to change a key unless the journal can record it (checked before the key is touched)')
            [CompletionResult]::new('--journal-syslog', '--journal-syslog', [CompletionResultType]::ParameterName, 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'fidoctl;select' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, json or csv for scripts')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a touch on the key (at most 86400, one day)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)')
            [CompletionResult]::new('--token-dir', '--token-dir', [CompletionResultType]::ParameterName, 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read PINs from standard input, one per line (see `fidoctl pin --help`)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not record changes made to keys')
            [CompletionResult]::new('--journal-required', '--journal-required', [CompletionResultType]::ParameterName, 'Refuse to change a key unless the journal can record it (checked before the key is touched)')
            [CompletionResult]::new('--journal-syslog', '--journal-syslog', [CompletionResultType]::ParameterName, 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'fidoctl;pin' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, json or csv for scripts')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a touch on the key (at most 86400, one day)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)')
            [CompletionResult]::new('--token-dir', '--token-dir', [CompletionResultType]::ParameterName, 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read PINs from standard input, one per line (see `fidoctl pin --help`)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not record changes made to keys')
            [CompletionResult]::new('--journal-required', '--journal-required', [CompletionResultType]::ParameterName, 'Refuse to change a key unless the journal can record it (checked before the key is touched)')
            [CompletionResult]::new('--journal-syslog', '--journal-syslog', [CompletionResultType]::ParameterName, 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set the PIN of a key that has none')
            [CompletionResult]::new('change', 'change', [CompletionResultType]::ParameterValue, 'Change the PIN (the current PIN is needed)')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check a PIN without changing anything (a wrong PIN uses up an attempt)')
            [CompletionResult]::new('min-length', 'min-length', [CompletionResultType]::ParameterValue, 'Raise the minimum PIN length (only a reset lowers it again)')
            [CompletionResult]::new('force-change', 'force-change', [CompletionResultType]::ParameterValue, 'Require the PIN to be changed before its next use')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'fidoctl;pin;set' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, json or csv for scripts')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a touch on the key (at most 86400, one day)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)')
            [CompletionResult]::new('--token-dir', '--token-dir', [CompletionResultType]::ParameterName, 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read PINs from standard input, one per line (see `fidoctl pin --help`)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not record changes made to keys')
            [CompletionResult]::new('--journal-required', '--journal-required', [CompletionResultType]::ParameterName, 'Refuse to change a key unless the journal can record it (checked before the key is touched)')
            [CompletionResult]::new('--journal-syslog', '--journal-syslog', [CompletionResultType]::ParameterName, 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'fidoctl;pin;change' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, json or csv for scripts')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a touch on the key (at most 86400, one day)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)')
            [CompletionResult]::new('--token-dir', '--token-dir', [CompletionResultType]::ParameterName, 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read PINs from standard input, one per line (see `fidoctl pin --help`)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not record changes made to keys')
            [CompletionResult]::new('--journal-required', '--journal-required', [CompletionResultType]::ParameterName, 'Refuse to change a key unless the journal can record it (checked before the key is touched)')
            [CompletionResult]::new('--journal-syslog', '--journal-syslog', [CompletionResultType]::ParameterName, 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'fidoctl;pin;verify' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, json or csv for scripts')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a touch on the key (at most 86400, one day)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)')
            [CompletionResult]::new('--token-dir', '--token-dir', [CompletionResultType]::ParameterName, 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read PINs from standard input, one per line (see `fidoctl pin --help`)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not record changes made to keys')
            [CompletionResult]::new('--journal-required', '--journal-required', [CompletionResultType]::ParameterName, 'Refuse to change a key unless the journal can record it (checked before the key is touched)')
            [CompletionResult]::new('--journal-syslog', '--journal-syslog', [CompletionResultType]::ParameterName, 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'fidoctl;pin;min-length' {
            [CompletionResult]::new('--rp-id', '--rp-id', [CompletionResultType]::ParameterName, 'A site allowed to read the minimum (minPinLength extension). Repeatable')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, json or csv for scripts')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a touch on the key (at most 86400, one day)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)')
            [CompletionResult]::new('--token-dir', '--token-dir', [CompletionResultType]::ParameterName, 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)')
            [CompletionResult]::new('--force-change', '--force-change', [CompletionResultType]::ParameterName, 'Also require the PIN to be changed before its next use')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read PINs from standard input, one per line (see `fidoctl pin --help`)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not record changes made to keys')
            [CompletionResult]::new('--journal-required', '--journal-required', [CompletionResultType]::ParameterName, 'Refuse to change a key unless the journal can record it (checked before the key is touched)')
            [CompletionResult]::new('--journal-syslog', '--journal-syslog', [CompletionResultType]::ParameterName, 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'fidoctl;pin;force-change' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, json or csv for scripts')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a touch on the key (at most 86400, one day)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)')
            [CompletionResult]::new('--token-dir', '--token-dir', [CompletionResultType]::ParameterName, 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read PINs from standard input, one per line (see `fidoctl pin --help`)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not record changes made to keys')
            [CompletionResult]::new('--journal-required', '--journal-required', [CompletionResultType]::ParameterName, 'Refuse to change a key unless the journal can record it (checked before the key is touched)')
            [CompletionResult]::new('--journal-syslog', '--journal-syslog', [CompletionResultType]::ParameterName, 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'fidoctl;pin;help' {
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set the PIN of a key that has none')
            [CompletionResult]::new('change', 'change', [CompletionResultType]::ParameterValue, 'Change the PIN (the current PIN is needed)')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check a PIN without changing anything (a wrong PIN uses up an attempt)')
            [CompletionResult]::new('min-length', 'min-length', [CompletionResultType]::ParameterValue, 'Raise the minimum PIN length (only a reset lowers it again)')
            [CompletionResult]::new('force-change', 'force-change', [CompletionResultType]::ParameterValue, 'Require the PIN to be changed before its next use')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'fidoctl;pin;help;set' {
            break
        }
        'fidoctl;pin;help;change' {
            break
        }
        'fidoctl;pin;help;verify' {
            break
        }
        'fidoctl;pin;help;min-length' {
            break
        }
        'fidoctl;pin;help;force-change' {
            break
        }
        'fidoctl;pin;help;help' {
            break
        }
        'fidoctl;creds' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, json or csv for scripts')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a touch on the key (at most 86400, one day)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)')
            [CompletionResult]::new('--token-dir', '--token-dir', [CompletionResultType]::ParameterName, 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read PINs from standard input, one per line (see `fidoctl pin --help`)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not record changes made to keys')
            [CompletionResult]::new('--journal-required', '--journal-required', [CompletionResultType]::ParameterName, 'Refuse to change a key unless the journal can record it (checked before the key is touched)')
            [CompletionResult]::new('--journal-syslog', '--journal-syslog', [CompletionResultType]::ParameterName, 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Every discoverable credential, grouped by relying party, with slots used and left')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete exactly one credential; shows its RP and user and asks first')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change the user name and/or display name stored with a credential')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'fidoctl;creds;list' {
            [CompletionResult]::new('--rp', '--rp', [CompletionResultType]::ParameterName, 'Only this relying party (e.g. github.com)')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, json or csv for scripts')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a touch on the key (at most 86400, one day)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)')
            [CompletionResult]::new('--token-dir', '--token-dir', [CompletionResultType]::ParameterName, 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read PINs from standard input, one per line (see `fidoctl pin --help`)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not record changes made to keys')
            [CompletionResult]::new('--journal-required', '--journal-required', [CompletionResultType]::ParameterName, 'Refuse to change a key unless the journal can record it (checked before the key is touched)')
            [CompletionResult]::new('--journal-syslog', '--journal-syslog', [CompletionResultType]::ParameterName, 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'fidoctl;creds;delete' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, json or csv for scripts')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a touch on the key (at most 86400, one day)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)')
            [CompletionResult]::new('--token-dir', '--token-dir', [CompletionResultType]::ParameterName, 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read PINs from standard input, one per line (see `fidoctl pin --help`)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not record changes made to keys')
            [CompletionResult]::new('--journal-required', '--journal-required', [CompletionResultType]::ParameterName, 'Refuse to change a key unless the journal can record it (checked before the key is touched)')
            [CompletionResult]::new('--journal-syslog', '--journal-syslog', [CompletionResultType]::ParameterName, 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'fidoctl;creds;update' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The new user name')
            [CompletionResult]::new('--display-name', '--display-name', [CompletionResultType]::ParameterName, 'The new display name')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, json or csv for scripts')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a touch on the key (at most 86400, one day)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)')
            [CompletionResult]::new('--token-dir', '--token-dir', [CompletionResultType]::ParameterName, 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read PINs from standard input, one per line (see `fidoctl pin --help`)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not record changes made to keys')
            [CompletionResult]::new('--journal-required', '--journal-required', [CompletionResultType]::ParameterName, 'Refuse to change a key unless the journal can record it (checked before the key is touched)')
            [CompletionResult]::new('--journal-syslog', '--journal-syslog', [CompletionResultType]::ParameterName, 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'fidoctl;creds;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Every discoverable credential, grouped by relying party, with slots used and left')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete exactly one credential; shows its RP and user and asks first')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change the user name and/or display name stored with a credential')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'fidoctl;creds;help;list' {
            break
        }
        'fidoctl;creds;help;delete' {
            break
        }
        'fidoctl;creds;help;update' {
            break
        }
        'fidoctl;creds;help;help' {
            break
        }
        'fidoctl;ssh' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, json or csv for scripts')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a touch on the key (at most 86400, one day)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)')
            [CompletionResult]::new('--token-dir', '--token-dir', [CompletionResultType]::ParameterName, 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read PINs from standard input, one per line (see `fidoctl pin --help`)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not record changes made to keys')
            [CompletionResult]::new('--journal-required', '--journal-required', [CompletionResultType]::ParameterName, 'Refuse to change a key unless the journal can record it (checked before the key is touched)')
            [CompletionResult]::new('--journal-syslog', '--journal-syslog', [CompletionResultType]::ParameterName, 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The resident SSH keys: application, user, fingerprint and public key line (needs the PIN)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write the key-handle file and .pub that `ssh-keygen -K` writes, for each resident SSH key')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'fidoctl;ssh;list' {
            [CompletionResult]::new('--rp', '--rp', [CompletionResultType]::ParameterName, 'Only this application (ssh: or ssh:NAME)')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, json or csv for scripts')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a touch on the key (at most 86400, one day)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)')
            [CompletionResult]::new('--token-dir', '--token-dir', [CompletionResultType]::ParameterName, 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read PINs from standard input, one per line (see `fidoctl pin --help`)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not record changes made to keys')
            [CompletionResult]::new('--journal-required', '--journal-required', [CompletionResultType]::ParameterName, 'Refuse to change a key unless the journal can record it (checked before the key is touched)')
            [CompletionResult]::new('--journal-syslog', '--journal-syslog', [CompletionResultType]::ParameterName, 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'fidoctl;ssh;export' {
            [CompletionResult]::new('--rp', '--rp', [CompletionResultType]::ParameterName, 'Only this application (ssh: or ssh:NAME)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'The folder to write into (it must exist)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'The folder to write into (it must exist)')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, json or csv for scripts')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a touch on the key (at most 86400, one day)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)')
            [CompletionResult]::new('--token-dir', '--token-dir', [CompletionResultType]::ParameterName, 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace files that already exist')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read PINs from standard input, one per line (see `fidoctl pin --help`)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not record changes made to keys')
            [CompletionResult]::new('--journal-required', '--journal-required', [CompletionResultType]::ParameterName, 'Refuse to change a key unless the journal can record it (checked before the key is touched)')
            [CompletionResult]::new('--journal-syslog', '--journal-syslog', [CompletionResultType]::ParameterName, 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'fidoctl;ssh;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The resident SSH keys: application, user, fingerprint and public key line (needs the PIN)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write the key-handle file and .pub that `ssh-keygen -K` writes, for each resident SSH key')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'fidoctl;ssh;help;list' {
            break
        }
        'fidoctl;ssh;help;export' {
            break
        }
        'fidoctl;ssh;help;help' {
            break
        }
        'fidoctl;config' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, json or csv for scripts')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a touch on the key (at most 86400, one day)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)')
            [CompletionResult]::new('--token-dir', '--token-dir', [CompletionResultType]::ParameterName, 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read PINs from standard input, one per line (see `fidoctl pin --help`)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not record changes made to keys')
            [CompletionResult]::new('--journal-required', '--journal-required', [CompletionResultType]::ParameterName, 'Refuse to change a key unless the journal can record it (checked before the key is touched)')
            [CompletionResult]::new('--journal-syslog', '--journal-syslog', [CompletionResultType]::ParameterName, 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('always-uv', 'always-uv', [CompletionResultType]::ParameterValue, 'Require user verification (PIN) for every use of the key (on), or no longer (off)')
            [CompletionResult]::new('enterprise-attestation', 'enterprise-attestation', [CompletionResultType]::ParameterValue, 'Allow enterprise attestation (identifies the individual key to sites your organisation lists)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'fidoctl;config;always-uv' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, json or csv for scripts')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a touch on the key (at most 86400, one day)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)')
            [CompletionResult]::new('--token-dir', '--token-dir', [CompletionResultType]::ParameterName, 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read PINs from standard input, one per line (see `fidoctl pin --help`)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not record changes made to keys')
            [CompletionResult]::new('--journal-required', '--journal-required', [CompletionResultType]::ParameterName, 'Refuse to change a key unless the journal can record it (checked before the key is touched)')
            [CompletionResult]::new('--journal-syslog', '--journal-syslog', [CompletionResultType]::ParameterName, 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'fidoctl;config;enterprise-attestation' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, json or csv for scripts')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a touch on the key (at most 86400, one day)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)')
            [CompletionResult]::new('--token-dir', '--token-dir', [CompletionResultType]::ParameterName, 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read PINs from standard input, one per line (see `fidoctl pin --help`)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not record changes made to keys')
            [CompletionResult]::new('--journal-required', '--journal-required', [CompletionResultType]::ParameterName, 'Refuse to change a key unless the journal can record it (checked before the key is touched)')
            [CompletionResult]::new('--journal-syslog', '--journal-syslog', [CompletionResultType]::ParameterName, 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'fidoctl;config;help' {
            [CompletionResult]::new('always-uv', 'always-uv', [CompletionResultType]::ParameterValue, 'Require user verification (PIN) for every use of the key (on), or no longer (off)')
            [CompletionResult]::new('enterprise-attestation', 'enterprise-attestation', [CompletionResultType]::ParameterValue, 'Allow enterprise attestation (identifies the individual key to sites your organisation lists)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'fidoctl;config;help;always-uv' {
            break
        }
        'fidoctl;config;help;enterprise-attestation' {
            break
        }
        'fidoctl;config;help;help' {
            break
        }
        'fidoctl;reset' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, json or csv for scripts')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a touch on the key (at most 86400, one day)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)')
            [CompletionResult]::new('--token-dir', '--token-dir', [CompletionResultType]::ParameterName, 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)')
            [CompletionResult]::new('--skip-replug', '--skip-replug', [CompletionResultType]::ParameterName, 'Do not ask for (or do) the unplug/re-plug first: for a key that was plugged in seconds ago')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read PINs from standard input, one per line (see `fidoctl pin --help`)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not record changes made to keys')
            [CompletionResult]::new('--journal-required', '--journal-required', [CompletionResultType]::ParameterName, 'Refuse to change a key unless the journal can record it (checked before the key is touched)')
            [CompletionResult]::new('--journal-syslog', '--journal-syslog', [CompletionResultType]::ParameterName, 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'fidoctl;test' {
            [CompletionResult]::new('--alg', '--alg', [CompletionResultType]::ParameterName, 'The test credential''s algorithm (default: ES256, or EdDSA on a key without ES256)')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, json or csv for scripts')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a touch on the key (at most 86400, one day)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)')
            [CompletionResult]::new('--token-dir', '--token-dir', [CompletionResultType]::ParameterName, 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)')
            [CompletionResult]::new('--resident', '--resident', [CompletionResultType]::ParameterName, 'Make a discoverable credential (deleted again afterwards; needs credential management)')
            [CompletionResult]::new('--uv', '--uv', [CompletionResultType]::ParameterName, 'Verify the user (PIN) too')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read PINs from standard input, one per line (see `fidoctl pin --help`)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not record changes made to keys')
            [CompletionResult]::new('--journal-required', '--journal-required', [CompletionResultType]::ParameterName, 'Refuse to change a key unless the journal can record it (checked before the key is touched)')
            [CompletionResult]::new('--journal-syslog', '--journal-syslog', [CompletionResultType]::ParameterName, 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'fidoctl;make-credential' {
            [CompletionResult]::new('--rp', '--rp', [CompletionResultType]::ParameterName, 'The relying party id (a domain)')
            [CompletionResult]::new('--user-name', '--user-name', [CompletionResultType]::ParameterName, 'The user name stored with the credential (default: fidoctl)')
            [CompletionResult]::new('--display-name', '--display-name', [CompletionResultType]::ParameterName, 'The user''s display name stored with the credential (default: none)')
            [CompletionResult]::new('--alg', '--alg', [CompletionResultType]::ParameterName, 'The signature algorithm to ask the key for')
            [CompletionResult]::new('--client-data-hash', '--client-data-hash', [CompletionResultType]::ParameterName, 'The client data hash to sign (64 hex digits); random if left out')
            [CompletionResult]::new('--cred-blob', '--cred-blob', [CompletionResultType]::ParameterName, 'Store these bytes (hex) with the credential (credBlob extension; at most the key''s maxCredBlobLength)')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, json or csv for scripts')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a touch on the key (at most 86400, one day)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)')
            [CompletionResult]::new('--token-dir', '--token-dir', [CompletionResultType]::ParameterName, 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)')
            [CompletionResult]::new('--resident', '--resident', [CompletionResultType]::ParameterName, 'A discoverable (resident) credential')
            [CompletionResult]::new('--uv', '--uv', [CompletionResultType]::ParameterName, 'Verify the user (PIN)')
            [CompletionResult]::new('--large-blob-key', '--large-blob-key', [CompletionResultType]::ParameterName, 'Ask for a largeBlobKey, so the credential can own a large blob (`fidoctl blobs set`; needs --resident)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read PINs from standard input, one per line (see `fidoctl pin --help`)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not record changes made to keys')
            [CompletionResult]::new('--journal-required', '--journal-required', [CompletionResultType]::ParameterName, 'Refuse to change a key unless the journal can record it (checked before the key is touched)')
            [CompletionResult]::new('--journal-syslog', '--journal-syslog', [CompletionResultType]::ParameterName, 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'fidoctl;get-assertion' {
            [CompletionResult]::new('--rp', '--rp', [CompletionResultType]::ParameterName, 'The relying party id (a domain)')
            [CompletionResult]::new('--cred', '--cred', [CompletionResultType]::ParameterName, 'Allowed credential id (base64url, hex:… or b64:…). Repeatable; none = discoverable credentials')
            [CompletionResult]::new('--client-data-hash', '--client-data-hash', [CompletionResultType]::ParameterName, 'The client data hash to sign (64 hex digits); random if left out')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, json or csv for scripts')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a touch on the key (at most 86400, one day)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)')
            [CompletionResult]::new('--token-dir', '--token-dir', [CompletionResultType]::ParameterName, 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)')
            [CompletionResult]::new('--uv', '--uv', [CompletionResultType]::ParameterName, 'Verify the user (PIN)')
            [CompletionResult]::new('--cred-blob', '--cred-blob', [CompletionResultType]::ParameterName, 'Ask for each credential''s credBlob (the extension) and show it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read PINs from standard input, one per line (see `fidoctl pin --help`)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not record changes made to keys')
            [CompletionResult]::new('--journal-required', '--journal-required', [CompletionResultType]::ParameterName, 'Refuse to change a key unless the journal can record it (checked before the key is touched)')
            [CompletionResult]::new('--journal-syslog', '--journal-syslog', [CompletionResultType]::ParameterName, 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'fidoctl;audit' {
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'The policy (TOML); without it: require_pin and forbid_known_vulnerable')
            [CompletionResult]::new('--mds', '--mds', [CompletionResultType]::ParameterName, 'The FIDO Metadata Service BLOB (a JWT), verified before use')
            [CompletionResult]::new('--mds-root', '--mds-root', [CompletionResultType]::ParameterName, 'Trust this root (PEM or DER) for --mds instead of the pinned GlobalSign roots')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, json or csv for scripts')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a touch on the key (at most 86400, one day)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)')
            [CompletionResult]::new('--token-dir', '--token-dir', [CompletionResultType]::ParameterName, 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)')
            [CompletionResult]::new('--attest', '--attest', [CompletionResultType]::ParameterName, 'Check each key is genuine: one throwaway registration (one touch) per key')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Treat unknown verdicts as failures')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read PINs from standard input, one per line (see `fidoctl pin --help`)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not record changes made to keys')
            [CompletionResult]::new('--journal-required', '--journal-required', [CompletionResultType]::ParameterName, 'Refuse to change a key unless the journal can record it (checked before the key is touched)')
            [CompletionResult]::new('--journal-syslog', '--journal-syslog', [CompletionResultType]::ParameterName, 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'fidoctl;journal' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only records from this day (YYYY-MM-DD, UTC) or moment (RFC 3339) on')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Only records of this key: its AAGUID, its path or its identifier')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, json or csv for scripts')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a touch on the key (at most 86400, one day)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)')
            [CompletionResult]::new('--token-dir', '--token-dir', [CompletionResultType]::ParameterName, 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read PINs from standard input, one per line (see `fidoctl pin --help`)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not record changes made to keys')
            [CompletionResult]::new('--journal-required', '--journal-required', [CompletionResultType]::ParameterName, 'Refuse to change a key unless the journal can record it (checked before the key is touched)')
            [CompletionResult]::new('--journal-syslog', '--journal-syslog', [CompletionResultType]::ParameterName, 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check the journal''s hash chain: exit 1 and the first record edited, removed or reordered')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'fidoctl;journal;verify' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, json or csv for scripts')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a touch on the key (at most 86400, one day)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)')
            [CompletionResult]::new('--token-dir', '--token-dir', [CompletionResultType]::ParameterName, 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read PINs from standard input, one per line (see `fidoctl pin --help`)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not record changes made to keys')
            [CompletionResult]::new('--journal-required', '--journal-required', [CompletionResultType]::ParameterName, 'Refuse to change a key unless the journal can record it (checked before the key is touched)')
            [CompletionResult]::new('--journal-syslog', '--journal-syslog', [CompletionResultType]::ParameterName, 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'fidoctl;journal;help' {
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check the journal''s hash chain: exit 1 and the first record edited, removed or reordered')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'fidoctl;journal;help;verify' {
            break
        }
        'fidoctl;journal;help;help' {
            break
        }
        'fidoctl;bio' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, json or csv for scripts')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a touch on the key (at most 86400, one day)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)')
            [CompletionResult]::new('--token-dir', '--token-dir', [CompletionResultType]::ParameterName, 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read PINs from standard input, one per line (see `fidoctl pin --help`)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not record changes made to keys')
            [CompletionResult]::new('--journal-required', '--journal-required', [CompletionResultType]::ParameterName, 'Refuse to change a key unless the journal can record it (checked before the key is touched)')
            [CompletionResult]::new('--journal-syslog', '--journal-syslog', [CompletionResultType]::ParameterName, 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Show the fingerprint sensor''s details')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the enrolled fingerprints (id and name)')
            [CompletionResult]::new('enroll', 'enroll', [CompletionResultType]::ParameterValue, 'Enroll a new fingerprint: place the finger on the sensor as asked')
            [CompletionResult]::new('rename', 'rename', [CompletionResultType]::ParameterValue, 'Rename an enrolled fingerprint')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete an enrolled fingerprint')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'fidoctl;bio;info' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, json or csv for scripts')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a touch on the key (at most 86400, one day)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)')
            [CompletionResult]::new('--token-dir', '--token-dir', [CompletionResultType]::ParameterName, 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read PINs from standard input, one per line (see `fidoctl pin --help`)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not record changes made to keys')
            [CompletionResult]::new('--journal-required', '--journal-required', [CompletionResultType]::ParameterName, 'Refuse to change a key unless the journal can record it (checked before the key is touched)')
            [CompletionResult]::new('--journal-syslog', '--journal-syslog', [CompletionResultType]::ParameterName, 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'fidoctl;bio;list' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, json or csv for scripts')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a touch on the key (at most 86400, one day)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)')
            [CompletionResult]::new('--token-dir', '--token-dir', [CompletionResultType]::ParameterName, 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read PINs from standard input, one per line (see `fidoctl pin --help`)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not record changes made to keys')
            [CompletionResult]::new('--journal-required', '--journal-required', [CompletionResultType]::ParameterName, 'Refuse to change a key unless the journal can record it (checked before the key is touched)')
            [CompletionResult]::new('--journal-syslog', '--journal-syslog', [CompletionResultType]::ParameterName, 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'fidoctl;bio;enroll' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'A name for the fingerprint')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, json or csv for scripts')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a touch on the key (at most 86400, one day)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)')
            [CompletionResult]::new('--token-dir', '--token-dir', [CompletionResultType]::ParameterName, 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read PINs from standard input, one per line (see `fidoctl pin --help`)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not record changes made to keys')
            [CompletionResult]::new('--journal-required', '--journal-required', [CompletionResultType]::ParameterName, 'Refuse to change a key unless the journal can record it (checked before the key is touched)')
            [CompletionResult]::new('--journal-syslog', '--journal-syslog', [CompletionResultType]::ParameterName, 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'fidoctl;bio;rename' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, json or csv for scripts')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a touch on the key (at most 86400, one day)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)')
            [CompletionResult]::new('--token-dir', '--token-dir', [CompletionResultType]::ParameterName, 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read PINs from standard input, one per line (see `fidoctl pin --help`)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not record changes made to keys')
            [CompletionResult]::new('--journal-required', '--journal-required', [CompletionResultType]::ParameterName, 'Refuse to change a key unless the journal can record it (checked before the key is touched)')
            [CompletionResult]::new('--journal-syslog', '--journal-syslog', [CompletionResultType]::ParameterName, 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'fidoctl;bio;delete' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, json or csv for scripts')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a touch on the key (at most 86400, one day)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)')
            [CompletionResult]::new('--token-dir', '--token-dir', [CompletionResultType]::ParameterName, 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read PINs from standard input, one per line (see `fidoctl pin --help`)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not record changes made to keys')
            [CompletionResult]::new('--journal-required', '--journal-required', [CompletionResultType]::ParameterName, 'Refuse to change a key unless the journal can record it (checked before the key is touched)')
            [CompletionResult]::new('--journal-syslog', '--journal-syslog', [CompletionResultType]::ParameterName, 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'fidoctl;bio;help' {
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Show the fingerprint sensor''s details')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the enrolled fingerprints (id and name)')
            [CompletionResult]::new('enroll', 'enroll', [CompletionResultType]::ParameterValue, 'Enroll a new fingerprint: place the finger on the sensor as asked')
            [CompletionResult]::new('rename', 'rename', [CompletionResultType]::ParameterValue, 'Rename an enrolled fingerprint')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete an enrolled fingerprint')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'fidoctl;bio;help;info' {
            break
        }
        'fidoctl;bio;help;list' {
            break
        }
        'fidoctl;bio;help;enroll' {
            break
        }
        'fidoctl;bio;help;rename' {
            break
        }
        'fidoctl;bio;help;delete' {
            break
        }
        'fidoctl;bio;help;help' {
            break
        }
        'fidoctl;virtual' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, json or csv for scripts')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a touch on the key (at most 86400, one day)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)')
            [CompletionResult]::new('--token-dir', '--token-dir', [CompletionResultType]::ParameterName, 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read PINs from standard input, one per line (see `fidoctl pin --help`)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not record changes made to keys')
            [CompletionResult]::new('--journal-required', '--journal-required', [CompletionResultType]::ParameterName, 'Refuse to change a key unless the journal can record it (checked before the key is touched)')
            [CompletionResult]::new('--journal-syslog', '--journal-syslog', [CompletionResultType]::ParameterName, 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a virtual key whose state lives in FILE (private keys in the clear: tests only)')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Expose a virtual key on a UNIX socket (raw 64-byte CTAPHID reports) until stopped')
            [CompletionResult]::new('replug', 'replug', [CompletionResultType]::ParameterValue, 'Unplug and re-plug a virtual key (power cycle)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'fidoctl;virtual;create' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Which kind of key to behave like')
            [CompletionResult]::new('--aaguid', '--aaguid', [CompletionResultType]::ParameterName, 'The AAGUID to report (canonical UUID form)')
            [CompletionResult]::new('--firmware', '--firmware', [CompletionResultType]::ParameterName, 'The firmware version to report, as MAJOR.MINOR.PATCH or an integer')
            [CompletionResult]::new('--max-resident', '--max-resident', [CompletionResultType]::ParameterName, 'How many discoverable credentials fit on the key')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, json or csv for scripts')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a touch on the key (at most 86400, one day)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)')
            [CompletionResult]::new('--token-dir', '--token-dir', [CompletionResultType]::ParameterName, 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)')
            [CompletionResult]::new('--bio', '--bio', [CompletionResultType]::ParameterName, 'Give the key a simulated fingerprint sensor (bio enrollment, built-in UV)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read PINs from standard input, one per line (see `fidoctl pin --help`)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not record changes made to keys')
            [CompletionResult]::new('--journal-required', '--journal-required', [CompletionResultType]::ParameterName, 'Refuse to change a key unless the journal can record it (checked before the key is touched)')
            [CompletionResult]::new('--journal-syslog', '--journal-syslog', [CompletionResultType]::ParameterName, 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'fidoctl;virtual;serve' {
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'Where to listen')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, json or csv for scripts')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a touch on the key (at most 86400, one day)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)')
            [CompletionResult]::new('--token-dir', '--token-dir', [CompletionResultType]::ParameterName, 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read PINs from standard input, one per line (see `fidoctl pin --help`)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not record changes made to keys')
            [CompletionResult]::new('--journal-required', '--journal-required', [CompletionResultType]::ParameterName, 'Refuse to change a key unless the journal can record it (checked before the key is touched)')
            [CompletionResult]::new('--journal-syslog', '--journal-syslog', [CompletionResultType]::ParameterName, 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'fidoctl;virtual;replug' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, json or csv for scripts')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a touch on the key (at most 86400, one day)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)')
            [CompletionResult]::new('--token-dir', '--token-dir', [CompletionResultType]::ParameterName, 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read PINs from standard input, one per line (see `fidoctl pin --help`)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not record changes made to keys')
            [CompletionResult]::new('--journal-required', '--journal-required', [CompletionResultType]::ParameterName, 'Refuse to change a key unless the journal can record it (checked before the key is touched)')
            [CompletionResult]::new('--journal-syslog', '--journal-syslog', [CompletionResultType]::ParameterName, 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'fidoctl;virtual;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a virtual key whose state lives in FILE (private keys in the clear: tests only)')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Expose a virtual key on a UNIX socket (raw 64-byte CTAPHID reports) until stopped')
            [CompletionResult]::new('replug', 'replug', [CompletionResultType]::ParameterValue, 'Unplug and re-plug a virtual key (power cycle)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'fidoctl;virtual;help;create' {
            break
        }
        'fidoctl;virtual;help;serve' {
            break
        }
        'fidoctl;virtual;help;replug' {
            break
        }
        'fidoctl;virtual;help;help' {
            break
        }
        'fidoctl;completions' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, json or csv for scripts')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a touch on the key (at most 86400, one day)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)')
            [CompletionResult]::new('--token-dir', '--token-dir', [CompletionResultType]::ParameterName, 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read PINs from standard input, one per line (see `fidoctl pin --help`)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not record changes made to keys')
            [CompletionResult]::new('--journal-required', '--journal-required', [CompletionResultType]::ParameterName, 'Refuse to change a key unless the journal can record it (checked before the key is touched)')
            [CompletionResult]::new('--journal-syslog', '--journal-syslog', [CompletionResultType]::ParameterName, 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'fidoctl;man' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, json or csv for scripts')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a touch on the key (at most 86400, one day)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)')
            [CompletionResult]::new('--token-dir', '--token-dir', [CompletionResultType]::ParameterName, 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read PINs from standard input, one per line (see `fidoctl pin --help`)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not record changes made to keys')
            [CompletionResult]::new('--journal-required', '--journal-required', [CompletionResultType]::ParameterName, 'Refuse to change a key unless the journal can record it (checked before the key is touched)')
            [CompletionResult]::new('--journal-syslog', '--journal-syslog', [CompletionResultType]::ParameterName, 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'fidoctl;blobs' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, json or csv for scripts')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a touch on the key (at most 86400, one day)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)')
            [CompletionResult]::new('--token-dir', '--token-dir', [CompletionResultType]::ParameterName, 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read PINs from standard input, one per line (see `fidoctl pin --help`)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not record changes made to keys')
            [CompletionResult]::new('--journal-required', '--journal-required', [CompletionResultType]::ParameterName, 'Refuse to change a key unless the journal can record it (checked before the key is touched)')
            [CompletionResult]::new('--journal-syslog', '--journal-syslog', [CompletionResultType]::ParameterName, 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the large blobs: which credential each belongs to, and orphans (needs the PIN)')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Write a credential''s large blob to a file (or to standard output when it is not a terminal)')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Store a file as a credential''s large blob, replacing what it had')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a credential''s large blob (the others stay)')
            [CompletionResult]::new('clear', 'clear', [CompletionResultType]::ParameterValue, 'Remove the orphaned blobs (no credential on the key owns them), or everything')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'fidoctl;blobs;list' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, json or csv for scripts')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a touch on the key (at most 86400, one day)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)')
            [CompletionResult]::new('--token-dir', '--token-dir', [CompletionResultType]::ParameterName, 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read PINs from standard input, one per line (see `fidoctl pin --help`)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not record changes made to keys')
            [CompletionResult]::new('--journal-required', '--journal-required', [CompletionResultType]::ParameterName, 'Refuse to change a key unless the journal can record it (checked before the key is touched)')
            [CompletionResult]::new('--journal-syslog', '--journal-syslog', [CompletionResultType]::ParameterName, 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'fidoctl;blobs;get' {
            [CompletionResult]::new('--cred', '--cred', [CompletionResultType]::ParameterName, 'The credential id (base64url as `fidoctl creds list` prints it, hex:… or b64:…)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Where to write the bytes; `-` is standard output (never a terminal)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Where to write the bytes; `-` is standard output (never a terminal)')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, json or csv for scripts')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a touch on the key (at most 86400, one day)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)')
            [CompletionResult]::new('--token-dir', '--token-dir', [CompletionResultType]::ParameterName, 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read PINs from standard input, one per line (see `fidoctl pin --help`)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not record changes made to keys')
            [CompletionResult]::new('--journal-required', '--journal-required', [CompletionResultType]::ParameterName, 'Refuse to change a key unless the journal can record it (checked before the key is touched)')
            [CompletionResult]::new('--journal-syslog', '--journal-syslog', [CompletionResultType]::ParameterName, 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'fidoctl;blobs;set' {
            [CompletionResult]::new('--cred', '--cred', [CompletionResultType]::ParameterName, 'The credential id (base64url as `fidoctl creds list` prints it, hex:… or b64:…)')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, json or csv for scripts')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a touch on the key (at most 86400, one day)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)')
            [CompletionResult]::new('--token-dir', '--token-dir', [CompletionResultType]::ParameterName, 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read PINs from standard input, one per line (see `fidoctl pin --help`)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not record changes made to keys')
            [CompletionResult]::new('--journal-required', '--journal-required', [CompletionResultType]::ParameterName, 'Refuse to change a key unless the journal can record it (checked before the key is touched)')
            [CompletionResult]::new('--journal-syslog', '--journal-syslog', [CompletionResultType]::ParameterName, 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'fidoctl;blobs;delete' {
            [CompletionResult]::new('--cred', '--cred', [CompletionResultType]::ParameterName, 'The credential id (base64url as `fidoctl creds list` prints it, hex:… or b64:…)')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, json or csv for scripts')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a touch on the key (at most 86400, one day)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)')
            [CompletionResult]::new('--token-dir', '--token-dir', [CompletionResultType]::ParameterName, 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read PINs from standard input, one per line (see `fidoctl pin --help`)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not record changes made to keys')
            [CompletionResult]::new('--journal-required', '--journal-required', [CompletionResultType]::ParameterName, 'Refuse to change a key unless the journal can record it (checked before the key is touched)')
            [CompletionResult]::new('--journal-syslog', '--journal-syslog', [CompletionResultType]::ParameterName, 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'fidoctl;blobs;clear' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, json or csv for scripts')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a touch on the key (at most 86400, one day)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)')
            [CompletionResult]::new('--token-dir', '--token-dir', [CompletionResultType]::ParameterName, 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)')
            [CompletionResult]::new('--orphans', '--orphans', [CompletionResultType]::ParameterName, 'Remove only the blobs no credential on the key owns')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Remove every blob; also the only way to replace damaged large-blob storage')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read PINs from standard input, one per line (see `fidoctl pin --help`)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not record changes made to keys')
            [CompletionResult]::new('--journal-required', '--journal-required', [CompletionResultType]::ParameterName, 'Refuse to change a key unless the journal can record it (checked before the key is touched)')
            [CompletionResult]::new('--journal-syslog', '--journal-syslog', [CompletionResultType]::ParameterName, 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'fidoctl;blobs;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the large blobs: which credential each belongs to, and orphans (needs the PIN)')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Write a credential''s large blob to a file (or to standard output when it is not a terminal)')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Store a file as a credential''s large blob, replacing what it had')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a credential''s large blob (the others stay)')
            [CompletionResult]::new('clear', 'clear', [CompletionResultType]::ParameterValue, 'Remove the orphaned blobs (no credential on the key owns them), or everything')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'fidoctl;blobs;help;list' {
            break
        }
        'fidoctl;blobs;help;get' {
            break
        }
        'fidoctl;blobs;help;set' {
            break
        }
        'fidoctl;blobs;help;delete' {
            break
        }
        'fidoctl;blobs;help;clear' {
            break
        }
        'fidoctl;blobs;help;help' {
            break
        }
        'fidoctl;token' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, json or csv for scripts')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a touch on the key (at most 86400, one day)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)')
            [CompletionResult]::new('--token-dir', '--token-dir', [CompletionResultType]::ParameterName, 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read PINs from standard input, one per line (see `fidoctl pin --help`)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not record changes made to keys')
            [CompletionResult]::new('--journal-required', '--journal-required', [CompletionResultType]::ParameterName, 'Refuse to change a key unless the journal can record it (checked before the key is touched)')
            [CompletionResult]::new('--journal-syslog', '--journal-syslog', [CompletionResultType]::ParameterName, 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Get a persistent read-only token with the PIN and store it (mode 0600) for this key')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The tokens in the token folder: which key each is for, and when it was made')
            [CompletionResult]::new('forget', 'forget', [CompletionResultType]::ParameterValue, 'Delete stored tokens: the selected key''s, or those of the identifier given')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'fidoctl;token;create' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the token to this file instead of the token folder')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the token to this file instead of the token folder')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, json or csv for scripts')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a touch on the key (at most 86400, one day)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)')
            [CompletionResult]::new('--token-dir', '--token-dir', [CompletionResultType]::ParameterName, 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)')
            [CompletionResult]::new('--read-only', '--read-only', [CompletionResultType]::ParameterName, 'A read-only token (the only kind: CTAP 2.2 permission pcmr)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read PINs from standard input, one per line (see `fidoctl pin --help`)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not record changes made to keys')
            [CompletionResult]::new('--journal-required', '--journal-required', [CompletionResultType]::ParameterName, 'Refuse to change a key unless the journal can record it (checked before the key is touched)')
            [CompletionResult]::new('--journal-syslog', '--journal-syslog', [CompletionResultType]::ParameterName, 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'fidoctl;token;list' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, json or csv for scripts')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a touch on the key (at most 86400, one day)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)')
            [CompletionResult]::new('--token-dir', '--token-dir', [CompletionResultType]::ParameterName, 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read PINs from standard input, one per line (see `fidoctl pin --help`)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not record changes made to keys')
            [CompletionResult]::new('--journal-required', '--journal-required', [CompletionResultType]::ParameterName, 'Refuse to change a key unless the journal can record it (checked before the key is touched)')
            [CompletionResult]::new('--journal-syslog', '--journal-syslog', [CompletionResultType]::ParameterName, 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'fidoctl;token;forget' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, json or csv for scripts')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a touch on the key (at most 86400, one day)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)')
            [CompletionResult]::new('--token-dir', '--token-dir', [CompletionResultType]::ParameterName, 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read PINs from standard input, one per line (see `fidoctl pin --help`)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not record changes made to keys')
            [CompletionResult]::new('--journal-required', '--journal-required', [CompletionResultType]::ParameterName, 'Refuse to change a key unless the journal can record it (checked before the key is touched)')
            [CompletionResult]::new('--journal-syslog', '--journal-syslog', [CompletionResultType]::ParameterName, 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'fidoctl;token;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Get a persistent read-only token with the PIN and store it (mode 0600) for this key')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The tokens in the token folder: which key each is for, and when it was made')
            [CompletionResult]::new('forget', 'forget', [CompletionResultType]::ParameterValue, 'Delete stored tokens: the selected key''s, or those of the identifier given')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'fidoctl;token;help;create' {
            break
        }
        'fidoctl;token;help;list' {
            break
        }
        'fidoctl;token;help;forget' {
            break
        }
        'fidoctl;token;help;help' {
            break
        }
        'fidoctl;enroll' {
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'The policy (TOML): the audit rules and the [enroll] table')
            [CompletionResult]::new('--for', '--for', [CompletionResultType]::ParameterName, 'Whom the key is for (kept in the enrolment record and the journal)')
            [CompletionResult]::new('--mds', '--mds', [CompletionResultType]::ParameterName, 'The FIDO Metadata Service BLOB (a JWT), verified before use')
            [CompletionResult]::new('--mds-root', '--mds-root', [CompletionResultType]::ParameterName, 'Trust this root (PEM or DER) for --mds instead of the pinned GlobalSign roots')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: text for people, json or csv for scripts')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a touch on the key (at most 86400, one day)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)')
            [CompletionResult]::new('--token-dir', '--token-dir', [CompletionResultType]::ParameterName, 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)')
            [CompletionResult]::new('--attest', '--attest', [CompletionResultType]::ParameterName, 'Check the key is genuine first: one throwaway registration (one touch)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the plan (each step: will do, already so, not supported) and write nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (for scripts)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read PINs from standard input, one per line (see `fidoctl pin --help`)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not record changes made to keys')
            [CompletionResult]::new('--journal-required', '--journal-required', [CompletionResultType]::ParameterName, 'Refuse to change a key unless the journal can record it (checked before the key is touched)')
            [CompletionResult]::new('--journal-syslog', '--journal-syslog', [CompletionResultType]::ParameterName, 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'fidoctl;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List every security key: path, VID:PID, product, AAGUID, model, CTAP versions')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Show what a key is: decoded getInfo, PIN state, retries')
            [CompletionResult]::new('wink', 'wink', [CompletionResultType]::ParameterValue, 'Blink the key so you can find it on the desk')
            [CompletionResult]::new('select', 'select', [CompletionResultType]::ParameterValue, 'Ask you to touch the key you mean, and print its path')
            [CompletionResult]::new('pin', 'pin', [CompletionResultType]::ParameterValue, 'Set, change and verify the key''s PIN')
            [CompletionResult]::new('creds', 'creds', [CompletionResultType]::ParameterValue, 'List, delete and update the discoverable credentials on a key (needs the PIN)')
            [CompletionResult]::new('ssh', 'ssh', [CompletionResultType]::ParameterValue, 'SSH keys on the key (OpenSSH''s resident `ssh:` credentials): list them, export their files')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Change the key''s settings: always-UV (on or off again) and enterprise attestation (only a factory reset turns it off)')
            [CompletionResult]::new('reset', 'reset', [CompletionResultType]::ParameterValue, 'Factory-reset a key: erases every credential, the PIN and all settings (guided)')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Health check: register a throwaway credential, sign in, verify attestation and signature, clean up')
            [CompletionResult]::new('make-credential', 'make-credential', [CompletionResultType]::ParameterValue, 'Expert: register a credential and print everything about it (JSON with --json)')
            [CompletionResult]::new('get-assertion', 'get-assertion', [CompletionResultType]::ParameterValue, 'Expert: sign in and print the assertion(s) (JSON with --json)')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Audit every selected key against a policy (no PIN needed): inventory, verdicts, exit codes for scripts')
            [CompletionResult]::new('journal', 'journal', [CompletionResultType]::ParameterValue, 'What fidoctl changed on keys, and when (the journal); `journal verify` checks its hash chain')
            [CompletionResult]::new('bio', 'bio', [CompletionResultType]::ParameterValue, 'Manage the fingerprints on a key with a sensor')
            [CompletionResult]::new('virtual', 'virtual', [CompletionResultType]::ParameterValue, 'Create, serve and re-plug virtual keys (software authenticators for tests and training)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Write the man pages into a folder')
            [CompletionResult]::new('blobs', 'blobs', [CompletionResultType]::ParameterValue, 'Large blobs: per-credential data stored on the key (for example SSH certificates)')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'CTAP 2.2 persistent read-only tokens: `creds list` and `audit` without a PIN')
            [CompletionResult]::new('enroll', 'enroll', [CompletionResultType]::ParameterValue, 'Enrol one key to a policy: audit it, apply the policy''s [enroll] settings, re-audit, record')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'fidoctl;help;list' {
            break
        }
        'fidoctl;help;info' {
            break
        }
        'fidoctl;help;wink' {
            break
        }
        'fidoctl;help;select' {
            break
        }
        'fidoctl;help;pin' {
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set the PIN of a key that has none')
            [CompletionResult]::new('change', 'change', [CompletionResultType]::ParameterValue, 'Change the PIN (the current PIN is needed)')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check a PIN without changing anything (a wrong PIN uses up an attempt)')
            [CompletionResult]::new('min-length', 'min-length', [CompletionResultType]::ParameterValue, 'Raise the minimum PIN length (only a reset lowers it again)')
            [CompletionResult]::new('force-change', 'force-change', [CompletionResultType]::ParameterValue, 'Require the PIN to be changed before its next use')
            break
        }
        'fidoctl;help;pin;set' {
            break
        }
        'fidoctl;help;pin;change' {
            break
        }
        'fidoctl;help;pin;verify' {
            break
        }
        'fidoctl;help;pin;min-length' {
            break
        }
        'fidoctl;help;pin;force-change' {
            break
        }
        'fidoctl;help;creds' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Every discoverable credential, grouped by relying party, with slots used and left')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete exactly one credential; shows its RP and user and asks first')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change the user name and/or display name stored with a credential')
            break
        }
        'fidoctl;help;creds;list' {
            break
        }
        'fidoctl;help;creds;delete' {
            break
        }
        'fidoctl;help;creds;update' {
            break
        }
        'fidoctl;help;ssh' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The resident SSH keys: application, user, fingerprint and public key line (needs the PIN)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write the key-handle file and .pub that `ssh-keygen -K` writes, for each resident SSH key')
            break
        }
        'fidoctl;help;ssh;list' {
            break
        }
        'fidoctl;help;ssh;export' {
            break
        }
        'fidoctl;help;config' {
            [CompletionResult]::new('always-uv', 'always-uv', [CompletionResultType]::ParameterValue, 'Require user verification (PIN) for every use of the key (on), or no longer (off)')
            [CompletionResult]::new('enterprise-attestation', 'enterprise-attestation', [CompletionResultType]::ParameterValue, 'Allow enterprise attestation (identifies the individual key to sites your organisation lists)')
            break
        }
        'fidoctl;help;config;always-uv' {
            break
        }
        'fidoctl;help;config;enterprise-attestation' {
            break
        }
        'fidoctl;help;reset' {
            break
        }
        'fidoctl;help;test' {
            break
        }
        'fidoctl;help;make-credential' {
            break
        }
        'fidoctl;help;get-assertion' {
            break
        }
        'fidoctl;help;audit' {
            break
        }
        'fidoctl;help;journal' {
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check the journal''s hash chain: exit 1 and the first record edited, removed or reordered')
            break
        }
        'fidoctl;help;journal;verify' {
            break
        }
        'fidoctl;help;bio' {
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Show the fingerprint sensor''s details')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the enrolled fingerprints (id and name)')
            [CompletionResult]::new('enroll', 'enroll', [CompletionResultType]::ParameterValue, 'Enroll a new fingerprint: place the finger on the sensor as asked')
            [CompletionResult]::new('rename', 'rename', [CompletionResultType]::ParameterValue, 'Rename an enrolled fingerprint')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete an enrolled fingerprint')
            break
        }
        'fidoctl;help;bio;info' {
            break
        }
        'fidoctl;help;bio;list' {
            break
        }
        'fidoctl;help;bio;enroll' {
            break
        }
        'fidoctl;help;bio;rename' {
            break
        }
        'fidoctl;help;bio;delete' {
            break
        }
        'fidoctl;help;virtual' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a virtual key whose state lives in FILE (private keys in the clear: tests only)')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Expose a virtual key on a UNIX socket (raw 64-byte CTAPHID reports) until stopped')
            [CompletionResult]::new('replug', 'replug', [CompletionResultType]::ParameterValue, 'Unplug and re-plug a virtual key (power cycle)')
            break
        }
        'fidoctl;help;virtual;create' {
            break
        }
        'fidoctl;help;virtual;serve' {
            break
        }
        'fidoctl;help;virtual;replug' {
            break
        }
        'fidoctl;help;completions' {
            break
        }
        'fidoctl;help;man' {
            break
        }
        'fidoctl;help;blobs' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the large blobs: which credential each belongs to, and orphans (needs the PIN)')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Write a credential''s large blob to a file (or to standard output when it is not a terminal)')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Store a file as a credential''s large blob, replacing what it had')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a credential''s large blob (the others stay)')
            [CompletionResult]::new('clear', 'clear', [CompletionResultType]::ParameterValue, 'Remove the orphaned blobs (no credential on the key owns them), or everything')
            break
        }
        'fidoctl;help;blobs;list' {
            break
        }
        'fidoctl;help;blobs;get' {
            break
        }
        'fidoctl;help;blobs;set' {
            break
        }
        'fidoctl;help;blobs;delete' {
            break
        }
        'fidoctl;help;blobs;clear' {
            break
        }
        'fidoctl;help;token' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Get a persistent read-only token with the PIN and store it (mode 0600) for this key')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The tokens in the token folder: which key each is for, and when it was made')
            [CompletionResult]::new('forget', 'forget', [CompletionResultType]::ParameterValue, 'Delete stored tokens: the selected key''s, or those of the identifier given')
            break
        }
        'fidoctl;help;token;create' {
            break
        }
        'fidoctl;help;token;list' {
            break
        }
        'fidoctl;help;token;forget' {
            break
        }
        'fidoctl;help;enroll' {
            break
        }
        'fidoctl;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
