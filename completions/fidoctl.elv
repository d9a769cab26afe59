
use builtin;
use str;

set edit:completion:arg-completer[fidoctl] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'fidoctl'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'fidoctl'= {
            cand -d 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --device 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --format 'Output format: text for people, json or csv for scripts'
            cand --timeout 'Seconds to wait for a touch on the key (at most 86400, one day)'
            cand --journal 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)'
            cand --token-dir 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)'
            cand --json 'Shorthand for --format json'
            cand -y 'Answer yes to confirmations (for scripts)'
            cand --yes 'Answer yes to confirmations (for scripts)'
            cand --pin-stdin 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
            cand -v 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --verbose 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --no-journal 'Do not record changes made to keys'
            cand --journal-required 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
            cand --journal-syslog 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List every security key: path, VID:PID, product, AAGUID, model, CTAP versions'
            cand info 'Show what a key is: decoded getInfo, PIN state, retries'
            cand wink 'Blink the key so you can find it on the desk'
            cand select 'Ask you to touch the key you mean, and print its path'
            cand pin 'Set, change and verify the key''s PIN'
            cand creds 'List, delete and update the discoverable credentials on a key (needs the PIN)'
            cand ssh 'SSH keys on the key (OpenSSH''s resident `ssh:` credentials): list them, export their files'
            cand config 'Change the key''s settings: always-UV (on or off again) and enterprise attestation (only a factory reset turns it off)'
            cand reset 'Factory-reset a key: erases every credential, the PIN and all settings (guided)'
            cand test 'Health check: register a throwaway credential, sign in, verify attestation and signature, clean up'
            cand make-credential 'Expert: register a credential and print everything about it (JSON with --json)'
            cand get-assertion 'Expert: sign in and print the assertion(s) (JSON with --json)'
            cand audit 'Audit every selected key against a policy (no PIN needed): inventory, verdicts, exit codes for scripts'
            cand journal 'What fidoctl changed on keys, and when (the journal); `journal verify` checks its hash chain'
            cand bio 'Manage the fingerprints on a key with a sensor'
            cand virtual 'Create, serve and re-plug virtual keys (software authenticators for tests and training)'
            cand completions 'Print a shell completion script'
            cand man 'Write the man pages into a folder'
            cand blobs 'Large blobs: per-credential data stored on the key (for example SSH certificates)'
            cand token 'CTAP 2.2 persistent read-only tokens: `creds list` and `audit` without a PIN'
            cand enroll 'Enrol one key to a policy: audit it, apply the policy''s [enroll] settings, re-audit, record'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'fidoctl;list'= {
            cand -d 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --device 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --format 'Output format: text for people, json or csv for scripts'
            cand --timeout 'Seconds to wait for a touch on the key (at most 86400, one day)'
            cand --journal 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)'
            cand --token-dir 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)'
            cand --json 'Shorthand for --format json'
            cand -y 'Answer yes to confirmations (for scripts)'
            cand --yes 'Answer yes to confirmations (for scripts)'
            cand --pin-stdin 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
            cand -v 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --verbose 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --no-journal 'Do not record changes made to keys'
            cand --journal-required 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
            cand --journal-syslog 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'fidoctl;info'= {
            cand -d 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --device 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --format 'Output format: text for people, json or csv for scripts'
            cand --timeout 'Seconds to wait for a touch on the key (at most 86400, one day)'
            cand --journal 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)'
            cand --token-dir 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)'
            cand --json 'Shorthand for --format json'
            cand -y 'Answer yes to confirmations (for scripts)'
            cand --yes 'Answer yes to confirmations (for scripts)'
            cand --pin-stdin 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
            cand -v 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --verbose 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --no-journal 'Do not record changes made to keys'
            cand --journal-required 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
            cand --journal-syslog 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'fidoctl;wink'= {
            cand -d 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --device 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --format 'Output format: text for people, json or csv for scripts'
            cand --timeout 'Seconds to wait for a touch on the key (at most 86400, one day)'
            cand --journal 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)'
            cand --token-dir 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)'
            cand --json 'Shorthand for --format json'
            cand -y 'Answer yes to confirmations (for scripts)'
            cand --yes 'Answer yes to confirmations (for scripts)'
            cand --pin-stdin 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
            cand -v 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --verbose 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --no-journal 'Do not record changes made to keys'
            cand --journal-required 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
            cand --journal-syslog 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'fidoctl;select'= {
            cand -d 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --device 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --format 'Output format: text for people, json or csv for scripts'
            cand --timeout 'Seconds to wait for a touch on the key (at most 86400, one day)'
            cand --journal 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)'
            cand --token-dir 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)'
            cand --json 'Shorthand for --format json'
            cand -y 'Answer yes to confirmations (for scripts)'
            cand --yes 'Answer yes to confirmations (for scripts)'
            cand --pin-stdin 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
            cand -v 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --verbose 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --no-journal 'Do not record changes made to keys'
            cand --journal-required 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
            cand --journal-syslog 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'fidoctl;pin'= {
            cand -d 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --device 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --format 'Output format: text for people, json or csv for scripts'
            cand --timeout 'Seconds to wait for a touch on the key (at most 86400, one day)'
            cand --journal 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)'
            cand --token-dir 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)'
            cand --json 'Shorthand for --format json'
            cand -y 'Answer yes to confirmations (for scripts)'
            cand --yes 'Answer yes to confirmations (for scripts)'
            cand --pin-stdin 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
            cand -v 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --verbose 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --no-journal 'Do not record changes made to keys'
            cand --journal-required 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
            cand --journal-syslog 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand set 'Set the PIN of a key that has none'
            cand change 'Change the PIN (the current PIN is needed)'
            cand verify 'Check a PIN without changing anything (a wrong PIN uses up an attempt)'
            cand min-length 'Raise the minimum PIN length (only a reset lowers it again)'
            cand force-change 'Require the PIN to be changed before its next use'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'fidoctl;pin;set'= {
            cand -d 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --device 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --format 'Output format: text for people, json or csv for scripts'
            cand --timeout 'Seconds to wait for a touch on the key (at most 86400, one day)'
            cand --journal 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)'
            cand --token-dir 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)'
            cand --json 'Shorthand for --format json'
            cand -y 'Answer yes to confirmations (for scripts)'
            cand --yes 'Answer yes to confirmations (for scripts)'
            cand --pin-stdin 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
            cand -v 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --verbose 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --no-journal 'Do not record changes made to keys'
            cand --journal-required 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
            cand --journal-syslog 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'fidoctl;pin;change'= {
            cand -d 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --device 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --format 'Output format: text for people, json or csv for scripts'
            cand --timeout 'Seconds to wait for a touch on the key (at most 86400, one day)'
            cand --journal 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)'
            cand --token-dir 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)'
            cand --json 'Shorthand for --format json'
            cand -y 'Answer yes to confirmations (for scripts)'
            cand --yes 'Answer yes to confirmations (for scripts)'
            cand --pin-stdin 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
            cand -v 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --verbose 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --no-journal 'Do not record changes made to keys'
            cand --journal-required 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
            cand --journal-syslog 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'fidoctl;pin;verify'= {
            cand -d 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --device 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --format 'Output format: text for people, json or csv for scripts'
            cand --timeout 'Seconds to wait for a touch on the key (at most 86400, one day)'
            cand --journal 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)'
            cand --token-dir 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)'
            cand --json 'Shorthand for --format json'
            cand -y 'Answer yes to confirmations (for scripts)'
            cand --yes 'Answer yes to confirmations (for scripts)'
            cand --pin-stdin 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
            cand -v 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --verbose 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --no-journal 'Do not record changes made to keys'
            cand --journal-required 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
            cand --journal-syslog 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'fidoctl;pin;min-length'= {
            cand --rp-id 'A site allowed to read the minimum (minPinLength extension). Repeatable'
            cand -d 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --device 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --format 'Output format: text for people, json or csv for scripts'
            cand --timeout 'Seconds to wait for a touch on the key (at most 86400, one day)'
            cand --journal 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)'
            cand --token-dir 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)'
            cand --force-change 'Also require the PIN to be changed before its next use'
            cand --json 'Shorthand for --format json'
            cand -y 'Answer yes to confirmations (for scripts)'
            cand --yes 'Answer yes to confirmations (for scripts)'
            cand --pin-stdin 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
            cand -v 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --verbose 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --no-journal 'Do not record changes made to keys'
            cand --journal-required 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
            cand --journal-syslog 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'fidoctl;pin;force-change'= {
            cand -d 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --device 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --format 'Output format: text for people, json or csv for scripts'
            cand --timeout 'Seconds to wait for a touch on the key (at most 86400, one day)'
            cand --journal 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)'
            cand --token-dir 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)'
            cand --json 'Shorthand for --format json'
            cand -y 'Answer yes to confirmations (for scripts)'
            cand --yes 'Answer yes to confirmations (for scripts)'
            cand --pin-stdin 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
            cand -v 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --verbose 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --no-journal 'Do not record changes made to keys'
            cand --journal-required 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
            cand --journal-syslog 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'fidoctl;pin;help'= {
            cand set 'Set the PIN of a key that has none'
            cand change 'Change the PIN (the current PIN is needed)'
            cand verify 'Check a PIN without changing anything (a wrong PIN uses up an attempt)'
            cand min-length 'Raise the minimum PIN length (only a reset lowers it again)'
            cand force-change 'Require the PIN to be changed before its next use'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'fidoctl;pin;help;set'= {
        }
        &'fidoctl;pin;help;change'= {
        }
        &'fidoctl;pin;help;verify'= {
        }
        &'fidoctl;pin;help;min-length'= {
        }
        &'fidoctl;pin;help;force-change'= {
        }
        &'fidoctl;pin;help;help'= {
        }
        &'fidoctl;creds'= {
            cand -d 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --device 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --format 'Output format: text for people, json or csv for scripts'
            cand --timeout 'Seconds to wait for a touch on the key (at most 86400, one day)'
            cand --journal 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)'
            cand --token-dir 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)'
            cand --json 'Shorthand for --format json'
            cand -y 'Answer yes to confirmations (for scripts)'
            cand --yes 'Answer yes to confirmations (for scripts)'
            cand --pin-stdin 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
            cand -v 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --verbose 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --no-journal 'Do not record changes made to keys'
            cand --journal-required 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
            cand --journal-syslog 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'Every discoverable credential, grouped by relying party, with slots used and left'
            cand delete 'Delete exactly one credential; shows its RP and user and asks first'
            cand update 'Change the user name and/or display name stored with a credential'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'fidoctl;creds;list'= {
            cand --rp 'Only this relying party (e.g. github.com)'
            cand -d 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --device 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --format 'Output format: text for people, json or csv for scripts'
            cand --timeout 'Seconds to wait for a touch on the key (at most 86400, one day)'
            cand --journal 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)'
            cand --token-dir 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)'
            cand --json 'Shorthand for --format json'
            cand -y 'Answer yes to confirmations (for scripts)'
            cand --yes 'Answer yes to confirmations (for scripts)'
            cand --pin-stdin 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
            cand -v 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --verbose 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --no-journal 'Do not record changes made to keys'
            cand --journal-required 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
            cand --journal-syslog 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'fidoctl;creds;delete'= {
            cand -d 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --device 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --format 'Output format: text for people, json or csv for scripts'
            cand --timeout 'Seconds to wait for a touch on the key (at most 86400, one day)'
            cand --journal 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)'
            cand --token-dir 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)'
            cand --json 'Shorthand for --format json'
            cand -y 'Answer yes to confirmations (for scripts)'
            cand --yes 'Answer yes to confirmations (for scripts)'
            cand --pin-stdin 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
            cand -v 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --verbose 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --no-journal 'Do not record changes made to keys'
            cand --journal-required 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
            cand --journal-syslog 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'fidoctl;creds;update'= {
            cand --name 'The new user name'
            cand --display-name 'The new display name'
            cand -d 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --device 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --format 'Output format: text for people, json or csv for scripts'
            cand --timeout 'Seconds to wait for a touch on the key (at most 86400, one day)'
            cand --journal 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)'
            cand --token-dir 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)'
            cand --json 'Shorthand for --format json'
            cand -y 'Answer yes to confirmations (for scripts)'
            cand --yes 'Answer yes to confirmations (for scripts)'
            cand --pin-stdin 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
            cand -v 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --verbose 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --no-journal 'Do not record changes made to keys'
            cand --journal-required 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
            cand --journal-syslog 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'fidoctl;creds;help'= {
            cand list 'Every discoverable credential, grouped by relying party, with slots used and left'
            cand delete 'Delete exactly one credential; shows its RP and user and asks first'
            cand update 'Change the user name and/or display name stored with a credential'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'fidoctl;creds;help;list'= {
        }
        &'fidoctl;creds;help;delete'= {
        }
        &'fidoctl;creds;help;update'= {
        }
        &'fidoctl;creds;help;help'= {
        }
        &'fidoctl;ssh'= {
            cand -d 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --device 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --format 'Output format: text for people, json or csv for scripts'
            cand --timeout 'Seconds to wait for a touch on the key (at most 86400, one day)'
            cand --journal 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)'
            cand --token-dir 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)'
            cand --json 'Shorthand for --format json'
            cand -y 'Answer yes to confirmations (for scripts)'
            cand --yes 'Answer yes to confirmations (for scripts)'
            cand --pin-stdin 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
            cand -v 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --verbose 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --no-journal 'Do not record changes made to keys'
            cand --journal-required 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
            cand --journal-syslog 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'The resident SSH keys: application, user, fingerprint and public key line (needs the PIN)'
            cand export 'Write the key-handle file and .pub that `ssh-keygen -K` writes, for each resident SSH key'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'fidoctl;ssh;list'= {
            cand --rp 'Only this application (ssh: or ssh:NAME)'
            cand -d 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --device 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --format 'Output format: text for people, json or csv for scripts'
            cand --timeout 'Seconds to wait for a touch on the key (at most 86400, one day)'
            cand --journal 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)'
            cand --token-dir 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)'
            cand --json 'Shorthand for --format json'
            cand -y 'Answer yes to confirmations (for scripts)'
            cand --yes 'Answer yes to confirmations (for scripts)'
            cand --pin-stdin 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
            cand -v 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --verbose 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --no-journal 'Do not record changes made to keys'
            cand --journal-required 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
            cand --journal-syslog 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'fidoctl;ssh;export'= {
            cand --rp 'Only this application (ssh: or ssh:NAME)'
            cand -o 'The folder to write into (it must exist)'
            cand --output 'The folder to write into (it must exist)'
            cand -d 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --device 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --format 'Output format: text for people, json or csv for scripts'
            cand --timeout 'Seconds to wait for a touch on the key (at most 86400, one day)'
            cand --journal 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)'
            cand --token-dir 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)'
            cand --force 'Replace files that already exist'
            cand --json 'Shorthand for --format json'
            cand -y 'Answer yes to confirmations (for scripts)'
            cand --yes 'Answer yes to confirmations (for scripts)'
            cand --pin-stdin 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
            cand -v 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --verbose 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --no-journal 'Do not record changes made to keys'
            cand --journal-required 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
            cand --journal-syslog 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'fidoctl;ssh;help'= {
            cand list 'The resident SSH keys: application, user, fingerprint and public key line (needs the PIN)'
            cand export 'Write the key-handle file and .pub that `ssh-keygen -K` writes, for each resident SSH key'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'fidoctl;ssh;help;list'= {
        }
        &'fidoctl;ssh;help;export'= {
        }
        &'fidoctl;ssh;help;help'= {
        }
        &'fidoctl;config'= {
            cand -d 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --device 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --format 'Output format: text for people, json or csv for scripts'
            cand --timeout 'Seconds to wait for a touch on the key (at most 86400, one day)'
            cand --journal 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)'
            cand --token-dir 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)'
            cand --json 'Shorthand for --format json'
            cand -y 'Answer yes to confirmations (for scripts)'
            cand --yes 'Answer yes to confirmations (for scripts)'
            cand --pin-stdin 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
            cand -v 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --verbose 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --no-journal 'Do not record changes made to keys'
            cand --journal-required 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
            cand --journal-syslog 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand always-uv 'Require user verification (PIN) for every use of the key (on), or no longer (off)'
            cand enterprise-attestation 'Allow enterprise attestation (identifies the individual key to sites your organisation lists)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'fidoctl;config;always-uv'= {
            cand -d 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --device 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --format 'Output format: text for people, json or csv for scripts'
            cand --timeout 'Seconds to wait for a touch on the key (at most 86400, one day)'
            cand --journal 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)'
            cand --token-dir 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)'
            cand --json 'Shorthand for --format json'
            cand -y 'Answer yes to confirmations (for scripts)'
            cand --yes 'Answer yes to confirmations (for scripts)'
            cand --pin-stdin 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
            cand -v 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --verbose 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --no-journal 'Do not record changes made to keys'
            cand --journal-required 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
            cand --journal-syslog 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'fidoctl;config;enterprise-attestation'= {
            cand -d 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --device 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --format 'Output format: text for people, json or csv for scripts'
            cand --timeout 'Seconds to wait for a touch on the key (at most 86400, one day)'
            cand --journal 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)'
            cand --token-dir 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)'
            cand --json 'Shorthand for --format json'
            cand -y 'Answer yes to confirmations (for scripts)'
            cand --yes 'Answer yes to confirmations (for scripts)'
            cand --pin-stdin 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
            cand -v 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --verbose 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --no-journal 'Do not record changes made to keys'
            cand --journal-required 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
            cand --journal-syslog 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'fidoctl;config;help'= {
            cand always-uv 'Require user verification (PIN) for every use of the key (on), or no longer (off)'
            cand enterprise-attestation 'Allow enterprise attestation (identifies the individual key to sites your organisation lists)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'fidoctl;config;help;always-uv'= {
        }
        &'fidoctl;config;help;enterprise-attestation'= {
        }
        &'fidoctl;config;help;help'= {
        }
        &'fidoctl;reset'= {
            cand -d 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --device 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --format 'Output format: text for people, json or csv for scripts'
            cand --timeout 'Seconds to wait for a touch on the key (at most 86400, one day)'
            cand --journal 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)'
            cand --token-dir 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)'
            cand --skip-replug 'Do not ask for (or do) the unplug/re-plug first: for a key that was plugged in seconds ago'
            cand --json 'Shorthand for --format json'
            cand -y 'Answer yes to confirmations (for scripts)'
            cand --yes 'Answer yes to confirmations (for scripts)'
            cand --pin-stdin 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
            cand -v 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --verbose 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --no-journal 'Do not record changes made to keys'
            cand --journal-required 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
            cand --journal-syslog 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'fidoctl;test'= {
            cand --alg 'The test credential''s algorithm (default: ES256, or EdDSA on a key without ES256)'
            cand -d 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --device 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --format 'Output format: text for people, json or csv for scripts'
            cand --timeout 'Seconds to wait for a touch on the key (at most 86400, one day)'
            cand --journal 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)'
            cand --token-dir 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)'
            cand --resident 'Make a discoverable credential (deleted again afterwards; needs credential management)'
            cand --uv 'Verify the user (PIN) too'
            cand --json 'Shorthand for --format json'
            cand -y 'Answer yes to confirmations (for scripts)'
            cand --yes 'Answer yes to confirmations (for scripts)'
            cand --pin-stdin 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
            cand -v 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --verbose 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --no-journal 'Do not record changes made to keys'
            cand --journal-required 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
            cand --journal-syslog 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'fidoctl;make-credential'= {
            cand --rp 'The relying party id (a domain)'
            cand --user-name 'The user name stored with the credential (default: fidoctl)'
            cand --display-name 'The user''s display name stored with the credential (default: none)'
            cand --alg 'The signature algorithm to ask the key for'
            cand --client-data-hash 'The client data hash to sign (64 hex digits); random if left out'
            cand --cred-blob 'Store these bytes (hex) with the credential (credBlob extension; at most the key''s maxCredBlobLength)'
            cand -d 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --device 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --format 'Output format: text for people, json or csv for scripts'
            cand --timeout 'Seconds to wait for a touch on the key (at most 86400, one day)'
            cand --journal 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)'
            cand --token-dir 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)'
            cand --resident 'A discoverable (resident) credential'
            cand --uv 'Verify the user (PIN)'
            cand --large-blob-key 'Ask for a largeBlobKey, so the credential can own a large blob (`fidoctl blobs set`; needs --resident)'
            cand --json 'Shorthand for --format json'
            cand -y 'Answer yes to confirmations (for scripts)'
            cand --yes 'Answer yes to confirmations (for scripts)'
            cand --pin-stdin 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
            cand -v 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --verbose 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --no-journal 'Do not record changes made to keys'
            cand --journal-required 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
            cand --journal-syslog 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'fidoctl;get-assertion'= {
            cand --rp 'The relying party id (a domain)'
            cand --cred 'Allowed credential id (base64url, hex:… or b64:…). Repeatable; none = discoverable credentials'
            cand --client-data-hash 'The client data hash to sign (64 hex digits); random if left out'
            cand -d 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --device 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --format 'Output format: text for people, json or csv for scripts'
            cand --timeout 'Seconds to wait for a touch on the key (at most 86400, one day)'
            cand --journal 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)'
            cand --token-dir 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)'
            cand --uv 'Verify the user (PIN)'
            cand --cred-blob 'Ask for each credential''s credBlob (the extension) and show it'
            cand --json 'Shorthand for --format json'
            cand -y 'Answer yes to confirmations (for scripts)'
            cand --yes 'Answer yes to confirmations (for scripts)'
            cand --pin-stdin 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
            cand -v 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --verbose 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --no-journal 'Do not record changes made to keys'
            cand --journal-required 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
            cand --journal-syslog 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'fidoctl;audit'= {
            cand --policy 'The policy (TOML); without it: require_pin and forbid_known_vulnerable'
            cand --mds 'The FIDO Metadata Service BLOB (a JWT), verified before use'
            cand --mds-root 'Trust this root (PEM or DER) for --mds instead of the pinned GlobalSign roots'
            cand -d 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --device 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --format 'Output format: text for people, json or csv for scripts'
            cand --timeout 'Seconds to wait for a touch on the key (at most 86400, one day)'
            cand --journal 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)'
            cand --token-dir 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)'
            cand --attest 'Check each key is genuine: one throwaway registration (one touch) per key'
            cand --strict 'Treat unknown verdicts as failures'
            cand --json 'Shorthand for --format json'
            cand -y 'Answer yes to confirmations (for scripts)'
            cand --yes 'Answer yes to confirmations (for scripts)'
            cand --pin-stdin 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
            cand -v 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --verbose 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --no-journal 'Do not record changes made to keys'
            cand --journal-required 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
            cand --journal-syslog 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'fidoctl;journal'= {
            cand --since 'Only records from this day (YYYY-MM-DD, UTC) or moment (RFC 3339) on'
            cand --key 'Only records of this key: its AAGUID, its path or its identifier'
            cand -d 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --device 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --format 'Output format: text for people, json or csv for scripts'
            cand --timeout 'Seconds to wait for a touch on the key (at most 86400, one day)'
            cand --journal 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)'
            cand --token-dir 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)'
            cand --json 'Shorthand for --format json'
            cand -y 'Answer yes to confirmations (for scripts)'
            cand --yes 'Answer yes to confirmations (for scripts)'
            cand --pin-stdin 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
            cand -v 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --verbose 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --no-journal 'Do not record changes made to keys'
            cand --journal-required 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
            cand --journal-syslog 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand verify 'Check the journal''s hash chain: exit 1 and the first record edited, removed or reordered'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'fidoctl;journal;verify'= {
            cand -d 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --device 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --format 'Output format: text for people, json or csv for scripts'
            cand --timeout 'Seconds to wait for a touch on the key (at most 86400, one day)'
            cand --journal 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)'
            cand --token-dir 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)'
            cand --json 'Shorthand for --format json'
            cand -y 'Answer yes to confirmations (for scripts)'
            cand --yes 'Answer yes to confirmations (for scripts)'
            cand --pin-stdin 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
            cand -v 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --verbose 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --no-journal 'Do not record changes made to keys'
            cand --journal-required 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
            cand --journal-syslog 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'fidoctl;journal;help'= {
            cand verify 'Check the journal''s hash chain: exit 1 and the first record edited, removed or reordered'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'fidoctl;journal;help;verify'= {
        }
        &'fidoctl;journal;help;help'= {
        }
        &'fidoctl;bio'= {
            cand -d 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --device 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --format 'Output format: text for people, json or csv for scripts'
            cand --timeout 'Seconds to wait for a touch on the key (at most 86400, one day)'
            cand --journal 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)'
            cand --token-dir 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)'
            cand --json 'Shorthand for --format json'
            cand -y 'Answer yes to confirmations (for scripts)'
            cand --yes 'Answer yes to confirmations (for scripts)'
            cand --pin-stdin 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
            cand -v 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --verbose 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --no-journal 'Do not record changes made to keys'
            cand --journal-required 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
            cand --journal-syslog 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand info 'Show the fingerprint sensor''s details'
            cand list 'List the enrolled fingerprints (id and name)'
            cand enroll 'Enroll a new fingerprint: place the finger on the sensor as asked'
            cand rename 'Rename an enrolled fingerprint'
            cand delete 'Delete an enrolled fingerprint'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'fidoctl;bio;info'= {
            cand -d 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --device 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --format 'Output format: text for people, json or csv for scripts'
            cand --timeout 'Seconds to wait for a touch on the key (at most 86400, one day)'
            cand --journal 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)'
            cand --token-dir 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)'
            cand --json 'Shorthand for --format json'
            cand -y 'Answer yes to confirmations (for scripts)'
            cand --yes 'Answer yes to confirmations (for scripts)'
            cand --pin-stdin 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
            cand -v 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --verbose 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --no-journal 'Do not record changes made to keys'
            cand --journal-required 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
            cand --journal-syslog 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'fidoctl;bio;list'= {
            cand -d 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --device 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --format 'Output format: text for people, json or csv for scripts'
            cand --timeout 'Seconds to wait for a touch on the key (at most 86400, one day)'
            cand --journal 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)'
            cand --token-dir 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)'
            cand --json 'Shorthand for --format json'
            cand -y 'Answer yes to confirmations (for scripts)'
            cand --yes 'Answer yes to confirmations (for scripts)'
            cand --pin-stdin 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
            cand -v 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --verbose 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --no-journal 'Do not record changes made to keys'
            cand --journal-required 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
            cand --journal-syslog 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'fidoctl;bio;enroll'= {
            cand --name 'A name for the fingerprint'
            cand -d 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --device 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --format 'Output format: text for people, json or csv for scripts'
            cand --timeout 'Seconds to wait for a touch on the key (at most 86400, one day)'
            cand --journal 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)'
            cand --token-dir 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)'
            cand --json 'Shorthand for --format json'
            cand -y 'Answer yes to confirmations (for scripts)'
            cand --yes 'Answer yes to confirmations (for scripts)'
            cand --pin-stdin 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
            cand -v 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --verbose 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --no-journal 'Do not record changes made to keys'
            cand --journal-required 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
            cand --journal-syslog 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'fidoctl;bio;rename'= {
            cand -d 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --device 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --format 'Output format: text for people, json or csv for scripts'
            cand --timeout 'Seconds to wait for a touch on the key (at most 86400, one day)'
            cand --journal 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)'
            cand --token-dir 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)'
            cand --json 'Shorthand for --format json'
            cand -y 'Answer yes to confirmations (for scripts)'
            cand --yes 'Answer yes to confirmations (for scripts)'
            cand --pin-stdin 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
            cand -v 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --verbose 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --no-journal 'Do not record changes made to keys'
            cand --journal-required 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
            cand --journal-syslog 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'fidoctl;bio;delete'= {
            cand -d 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --device 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --format 'Output format: text for people, json or csv for scripts'
            cand --timeout 'Seconds to wait for a touch on the key (at most 86400, one day)'
            cand --journal 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)'
            cand --token-dir 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)'
            cand --json 'Shorthand for --format json'
            cand -y 'Answer yes to confirmations (for scripts)'
            cand --yes 'Answer yes to confirmations (for scripts)'
            cand --pin-stdin 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
            cand -v 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --verbose 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --no-journal 'Do not record changes made to keys'
            cand --journal-required 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
            cand --journal-syslog 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'fidoctl;bio;help'= {
            cand info 'Show the fingerprint sensor''s details'
            cand list 'List the enrolled fingerprints (id and name)'
            cand enroll 'Enroll a new fingerprint: place the finger on the sensor as asked'
            cand rename 'Rename an enrolled fingerprint'
            cand delete 'Delete an enrolled fingerprint'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'fidoctl;bio;help;info'= {
        }
        &'fidoctl;bio;help;list'= {
        }
        &'fidoctl;bio;help;enroll'= {
        }
        &'fidoctl;bio;help;rename'= {
        }
        &'fidoctl;bio;help;delete'= {
        }
        &'fidoctl;bio;help;help'= {
        }
        &'fidoctl;virtual'= {
            cand -d 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --device 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --format 'Output format: text for people, json or csv for scripts'
            cand --timeout 'Seconds to wait for a touch on the key (at most 86400, one day)'
            cand --journal 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)'
            cand --token-dir 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)'
            cand --json 'Shorthand for --format json'
            cand -y 'Answer yes to confirmations (for scripts)'
            cand --yes 'Answer yes to confirmations (for scripts)'
            cand --pin-stdin 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
            cand -v 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --verbose 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --no-journal 'Do not record changes made to keys'
            cand --journal-required 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
            cand --journal-syslog 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand create 'Create a virtual key whose state lives in FILE (private keys in the clear: tests only)'
            cand serve 'Expose a virtual key on a UNIX socket (raw 64-byte CTAPHID reports) until stopped'
            cand replug 'Unplug and re-plug a virtual key (power cycle)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'fidoctl;virtual;create'= {
            cand --profile 'Which kind of key to behave like'
            cand --aaguid 'The AAGUID to report (canonical UUID form)'
            cand --firmware 'The firmware version to report, as MAJOR.MINOR.PATCH or an integer'
            cand --max-resident 'How many discoverable credentials fit on the key'
            cand -d 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --device 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --format 'Output format: text for people, json or csv for scripts'
            cand --timeout 'Seconds to wait for a touch on the key (at most 86400, one day)'
            cand --journal 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)'
            cand --token-dir 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)'
            cand --bio 'Give the key a simulated fingerprint sensor (bio enrollment, built-in UV)'
            cand --json 'Shorthand for --format json'
            cand -y 'Answer yes to confirmations (for scripts)'
            cand --yes 'Answer yes to confirmations (for scripts)'
            cand --pin-stdin 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
            cand -v 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --verbose 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --no-journal 'Do not record changes made to keys'
            cand --journal-required 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
            cand --journal-syslog 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'fidoctl;virtual;serve'= {
            cand --socket 'Where to listen'
            cand -d 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --device 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --format 'Output format: text for people, json or csv for scripts'
            cand --timeout 'Seconds to wait for a touch on the key (at most 86400, one day)'
            cand --journal 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)'
            cand --token-dir 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)'
            cand --json 'Shorthand for --format json'
            cand -y 'Answer yes to confirmations (for scripts)'
            cand --yes 'Answer yes to confirmations (for scripts)'
            cand --pin-stdin 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
            cand -v 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --verbose 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --no-journal 'Do not record changes made to keys'
            cand --journal-required 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
            cand --journal-syslog 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'fidoctl;virtual;replug'= {
            cand -d 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --device 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --format 'Output format: text for people, json or csv for scripts'
            cand --timeout 'Seconds to wait for a touch on the key (at most 86400, one day)'
            cand --journal 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)'
            cand --token-dir 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)'
            cand --json 'Shorthand for --format json'
            cand -y 'Answer yes to confirmations (for scripts)'
            cand --yes 'Answer yes to confirmations (for scripts)'
            cand --pin-stdin 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
            cand -v 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --verbose 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --no-journal 'Do not record changes made to keys'
            cand --journal-required 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
            cand --journal-syslog 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'fidoctl;virtual;help'= {
            cand create 'Create a virtual key whose state lives in FILE (private keys in the clear: tests only)'
            cand serve 'Expose a virtual key on a UNIX socket (raw 64-byte CTAPHID reports) until stopped'
            cand replug 'Unplug and re-plug a virtual key (power cycle)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'fidoctl;virtual;help;create'= {
        }
        &'fidoctl;virtual;help;serve'= {
        }
        &'fidoctl;virtual;help;replug'= {
        }
        &'fidoctl;virtual;help;help'= {
        }
        &'fidoctl;completions'= {
            cand -d 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --device 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --format 'Output format: text for people, json or csv for scripts'
            cand --timeout 'Seconds to wait for a touch on the key (at most 86400, one day)'
            cand --journal 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)'
            cand --token-dir 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)'
            cand --json 'Shorthand for --format json'
            cand -y 'Answer yes to confirmations (for scripts)'
            cand --yes 'Answer yes to confirmations (for scripts)'
            cand --pin-stdin 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
            cand -v 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --verbose 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --no-journal 'Do not record changes made to keys'
            cand --journal-required 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
            cand --journal-syslog 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'fidoctl;man'= {
            cand -d 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --device 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --format 'Output format: text for people, json or csv for scripts'
            cand --timeout 'Seconds to wait for a touch on the key (at most 86400, one day)'
            cand --journal 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)'
            cand --token-dir 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)'
            cand --json 'Shorthand for --format json'
            cand -y 'Answer yes to confirmations (for scripts)'
            cand --yes 'Answer yes to confirmations (for scripts)'
            cand --pin-stdin 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
            cand -v 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --verbose 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --no-journal 'Do not record changes made to keys'
            cand --journal-required 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
            cand --journal-syslog 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'fidoctl;blobs'= {
            cand -d 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --device 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --format 'Output format: text for people, json or csv for scripts'
            cand --timeout 'Seconds to wait for a touch on the key (at most 86400, one day)'
            cand --journal 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)'
            cand --token-dir 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)'
            cand --json 'Shorthand for --format json'
            cand -y 'Answer yes to confirmations (for scripts)'
            cand --yes 'Answer yes to confirmations (for scripts)'
            cand --pin-stdin 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
            cand -v 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --verbose 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --no-journal 'Do not record changes made to keys'
            cand --journal-required 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
            cand --journal-syslog 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List the large blobs: which credential each belongs to, and orphans (needs the PIN)'
            cand get 'Write a credential''s large blob to a file (or to standard output when it is not a terminal)'
            cand set 'Store a file as a credential''s large blob, replacing what it had'
            cand delete 'Delete a credential''s large blob (the others stay)'
            cand clear 'Remove the orphaned blobs (no credential on the key owns them), or everything'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'fidoctl;blobs;list'= {
            cand -d 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --device 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --format 'Output format: text for people, json or csv for scripts'
            cand --timeout 'Seconds to wait for a touch on the key (at most 86400, one day)'
            cand --journal 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)'
            cand --token-dir 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)'
            cand --json 'Shorthand for --format json'
            cand -y 'Answer yes to confirmations (for scripts)'
            cand --yes 'Answer yes to confirmations (for scripts)'
            cand --pin-stdin 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
            cand -v 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --verbose 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --no-journal 'Do not record changes made to keys'
            cand --journal-required 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
            cand --journal-syslog 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'fidoctl;blobs;get'= {
            cand --cred 'The credential id (base64url as `fidoctl creds list` prints it, hex:… or b64:…)'
            cand -o 'Where to write the bytes; `-` is standard output (never a terminal)'
            cand --output 'Where to write the bytes; `-` is standard output (never a terminal)'
            cand -d 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --device 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --format 'Output format: text for people, json or csv for scripts'
            cand --timeout 'Seconds to wait for a touch on the key (at most 86400, one day)'
            cand --journal 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)'
            cand --token-dir 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)'
            cand --json 'Shorthand for --format json'
            cand -y 'Answer yes to confirmations (for scripts)'
            cand --yes 'Answer yes to confirmations (for scripts)'
            cand --pin-stdin 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
            cand -v 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --verbose 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --no-journal 'Do not record changes made to keys'
            cand --journal-required 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
            cand --journal-syslog 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'fidoctl;blobs;set'= {
            cand --cred 'The credential id (base64url as `fidoctl creds list` prints it, hex:… or b64:…)'
            cand -d 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --device 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --format 'Output format: text for people, json or csv for scripts'
            cand --timeout 'Seconds to wait for a touch on the key (at most 86400, one day)'
            cand --journal 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)'
            cand --token-dir 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)'
            cand --json 'Shorthand for --format json'
            cand -y 'Answer yes to confirmations (for scripts)'
            cand --yes 'Answer yes to confirmations (for scripts)'
            cand --pin-stdin 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
            cand -v 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --verbose 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --no-journal 'Do not record changes made to keys'
            cand --journal-required 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
            cand --journal-syslog 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'fidoctl;blobs;delete'= {
            cand --cred 'The credential id (base64url as `fidoctl creds list` prints it, hex:… or b64:…)'
            cand -d 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --device 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --format 'Output format: text for people, json or csv for scripts'
            cand --timeout 'Seconds to wait for a touch on the key (at most 86400, one day)'
            cand --journal 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)'
            cand --token-dir 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)'
            cand --json 'Shorthand for --format json'
            cand -y 'Answer yes to confirmations (for scripts)'
            cand --yes 'Answer yes to confirmations (for scripts)'
            cand --pin-stdin 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
            cand -v 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --verbose 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --no-journal 'Do not record changes made to keys'
            cand --journal-required 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
            cand --journal-syslog 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'fidoctl;blobs;clear'= {
            cand -d 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --device 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --format 'Output format: text for people, json or csv for scripts'
            cand --timeout 'Seconds to wait for a touch on the key (at most 86400, one day)'
            cand --journal 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)'
            cand --token-dir 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)'
            cand --orphans 'Remove only the blobs no credential on the key owns'
            cand --all 'Remove every blob; also the only way to replace damaged large-blob storage'
            cand --json 'Shorthand for --format json'
            cand -y 'Answer yes to confirmations (for scripts)'
            cand --yes 'Answer yes to confirmations (for scripts)'
            cand --pin-stdin 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
            cand -v 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --verbose 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --no-journal 'Do not record changes made to keys'
            cand --journal-required 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
            cand --journal-syslog 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'fidoctl;blobs;help'= {
            cand list 'List the large blobs: which credential each belongs to, and orphans (needs the PIN)'
            cand get 'Write a credential''s large blob to a file (or to standard output when it is not a terminal)'
            cand set 'Store a file as a credential''s large blob, replacing what it had'
            cand delete 'Delete a credential''s large blob (the others stay)'
            cand clear 'Remove the orphaned blobs (no credential on the key owns them), or everything'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'fidoctl;blobs;help;list'= {
        }
        &'fidoctl;blobs;help;get'= {
        }
        &'fidoctl;blobs;help;set'= {
        }
        &'fidoctl;blobs;help;delete'= {
        }
        &'fidoctl;blobs;help;clear'= {
        }
        &'fidoctl;blobs;help;help'= {
        }
        &'fidoctl;token'= {
            cand -d 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --device 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --format 'Output format: text for people, json or csv for scripts'
            cand --timeout 'Seconds to wait for a touch on the key (at most 86400, one day)'
            cand --journal 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)'
            cand --token-dir 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)'
            cand --json 'Shorthand for --format json'
            cand -y 'Answer yes to confirmations (for scripts)'
            cand --yes 'Answer yes to confirmations (for scripts)'
            cand --pin-stdin 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
            cand -v 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --verbose 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --no-journal 'Do not record changes made to keys'
            cand --journal-required 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
            cand --journal-syslog 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand create 'Get a persistent read-only token with the PIN and store it (mode 0600) for this key'
            cand list 'The tokens in the token folder: which key each is for, and when it was made'
            cand forget 'Delete stored tokens: the selected key''s, or those of the identifier given'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'fidoctl;token;create'= {
            cand -o 'Write the token to this file instead of the token folder'
            cand --output 'Write the token to this file instead of the token folder'
            cand -d 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --device 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --format 'Output format: text for people, json or csv for scripts'
            cand --timeout 'Seconds to wait for a touch on the key (at most 86400, one day)'
            cand --journal 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)'
            cand --token-dir 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)'
            cand --read-only 'A read-only token (the only kind: CTAP 2.2 permission pcmr)'
            cand --json 'Shorthand for --format json'
            cand -y 'Answer yes to confirmations (for scripts)'
            cand --yes 'Answer yes to confirmations (for scripts)'
            cand --pin-stdin 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
            cand -v 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --verbose 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --no-journal 'Do not record changes made to keys'
            cand --journal-required 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
            cand --journal-syslog 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'fidoctl;token;list'= {
            cand -d 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --device 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --format 'Output format: text for people, json or csv for scripts'
            cand --timeout 'Seconds to wait for a touch on the key (at most 86400, one day)'
            cand --journal 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)'
            cand --token-dir 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)'
            cand --json 'Shorthand for --format json'
            cand -y 'Answer yes to confirmations (for scripts)'
            cand --yes 'Answer yes to confirmations (for scripts)'
            cand --pin-stdin 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
            cand -v 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --verbose 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --no-journal 'Do not record changes made to keys'
            cand --journal-required 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
            cand --journal-syslog 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'fidoctl;token;forget'= {
            cand -d 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --device 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --format 'Output format: text for people, json or csv for scripts'
            cand --timeout 'Seconds to wait for a touch on the key (at most 86400, one day)'
            cand --journal 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)'
            cand --token-dir 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)'
            cand --json 'Shorthand for --format json'
            cand -y 'Answer yes to confirmations (for scripts)'
            cand --yes 'Answer yes to confirmations (for scripts)'
            cand --pin-stdin 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
            cand -v 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --verbose 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --no-journal 'Do not record changes made to keys'
            cand --journal-required 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
            cand --journal-syslog 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'fidoctl;token;help'= {
            cand create 'Get a persistent read-only token with the PIN and store it (mode 0600) for this key'
            cand list 'The tokens in the token folder: which key each is for, and when it was made'
            cand forget 'Delete stored tokens: the selected key''s, or those of the identifier given'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'fidoctl;token;help;create'= {
        }
        &'fidoctl;token;help;list'= {
        }
        &'fidoctl;token;help;forget'= {
        }
        &'fidoctl;token;help;help'= {
        }
        &'fidoctl;enroll'= {
            cand --policy 'The policy (TOML): the audit rules and the [enroll] table'
            cand --for 'Whom the key is for (kept in the enrolment record and the journal)'
            cand --mds 'The FIDO Metadata Service BLOB (a JWT), verified before use'
            cand --mds-root 'Trust this root (PEM or DER) for --mds instead of the pinned GlobalSign roots'
            cand -d 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --device 'Key to work on: /dev/hidrawN or hid:PATH, ''hid'' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key'
            cand --format 'Output format: text for people, json or csv for scripts'
            cand --timeout 'Seconds to wait for a touch on the key (at most 86400, one day)'
            cand --journal 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)'
            cand --token-dir 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)'
            cand --attest 'Check the key is genuine first: one throwaway registration (one touch)'
            cand --dry-run 'Show the plan (each step: will do, already so, not supported) and write nothing'
            cand --json 'Shorthand for --format json'
            cand -y 'Answer yes to confirmations (for scripts)'
            cand --yes 'Answer yes to confirmations (for scripts)'
            cand --pin-stdin 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
            cand -v 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --verbose 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
            cand --no-journal 'Do not record changes made to keys'
            cand --journal-required 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
            cand --journal-syslog 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'fidoctl;help'= {
            cand list 'List every security key: path, VID:PID, product, AAGUID, model, CTAP versions'
            cand info 'Show what a key is: decoded getInfo, PIN state, retries'
            cand wink 'Blink the key so you can find it on the desk'
            cand select 'Ask you to touch the key you mean, and print its path'
            cand pin 'Set, change and verify the key''s PIN'
            cand creds 'List, delete and update the discoverable credentials on a key (needs the PIN)'
            cand ssh 'SSH keys on the key (OpenSSH''s resident `ssh:` credentials): list them, export their files'
            cand config 'Change the key''s settings: always-UV (on or off again) and enterprise attestation (only a factory reset turns it off)'
            cand reset 'Factory-reset a key: erases every credential, the PIN and all settings (guided)'
            cand test 'Health check: register a throwaway credential, sign in, verify attestation and signature, clean up'
            cand make-credential 'Expert: register a credential and print everything about it (JSON with --json)'
            cand get-assertion 'Expert: sign in and print the assertion(s) (JSON with --json)'
            cand audit 'Audit every selected key against a policy (no PIN needed): inventory, verdicts, exit codes for scripts'
            cand journal 'What fidoctl changed on keys, and when (the journal); `journal verify` checks its hash chain'
            cand bio 'Manage the fingerprints on a key with a sensor'
            cand virtual 'Create, serve and re-plug virtual keys (software authenticators for tests and training)'
            cand completions 'Print a shell completion script'
            cand man 'Write the man pages into a folder'
            cand blobs 'Large blobs: per-credential data stored on the key (for example SSH certificates)'
            cand token 'CTAP 2.2 persistent read-only tokens: `creds list` and `audit` without a PIN'
            cand enroll 'Enrol one key to a policy: audit it, apply the policy''s [enroll] settings, re-audit, record'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'fidoctl;help;list'= {
        }
        &'fidoctl;help;info'= {
        }
        &'fidoctl;help;wink'= {
        }
        &'fidoctl;help;select'= {
        }
        &'fidoctl;help;pin'= {
            cand set 'Set the PIN of a key that has none'
            cand change 'Change the PIN (the current PIN is needed)'
            cand verify 'Check a PIN without changing anything (a wrong PIN uses up an attempt)'
            cand min-length 'Raise the minimum PIN length (only a reset lowers it again)'
            cand force-change 'Require the PIN to be changed before its next use'
        }
        &'fidoctl;help;pin;set'= {
        }
        &'fidoctl;help;pin;change'= {
        }
        &'fidoctl;help;pin;verify'= {
        }
        &'fidoctl;help;pin;min-length'= {
        }
        &'fidoctl;help;pin;force-change'= {
        }
        &'fidoctl;help;creds'= {
            cand list 'Every discoverable credential, grouped by relying party, with slots used and left'
            cand delete 'Delete exactly one credential; shows its RP and user and asks first'
            cand update 'Change the user name and/or display name stored with a credential'
        }
        &'fidoctl;help;creds;list'= {
        }
        &'fidoctl;help;creds;delete'= {
        }
        &'fidoctl;help;creds;update'= {
        }
        &'fidoctl;help;ssh'= {
            cand list 'The resident SSH keys: application, user, fingerprint and public key line (needs the PIN)'
            cand export 'Write the key-handle file and .pub that `ssh-keygen -K` writes, for each resident SSH key'
        }
        &'fidoctl;help;ssh;list'= {
        }
        &'fidoctl;help;ssh;export'= {
        }
        &'fidoctl;help;config'= {
            cand always-uv 'Require user verification (PIN) for every use of the key (on), or no longer (off)'
            cand enterprise-attestation 'Allow enterprise attestation (identifies the individual key to sites your organisation lists)'
        }
        &'fidoctl;help;config;always-uv'= {
        }
        &'fidoctl;help;config;enterprise-attestation'= {
        }
        &'fidoctl;help;reset'= {
        }
        &'fidoctl;help;test'= {
        }
        &'fidoctl;help;make-credential'= {
        }
        &'fidoctl;help;get-assertion'= {
        }
        &'fidoctl;help;audit'= {
        }
        &'fidoctl;help;journal'= {
            cand verify 'Check the journal''s hash chain: exit 1 and the first record edited, removed or reordered'
        }
        &'fidoctl;help;journal;verify'= {
        }
        &'fidoctl;help;bio'= {
            cand info 'Show the fingerprint sensor''s details'
            cand list 'List the enrolled fingerprints (id and name)'
            cand enroll 'Enroll a new fingerprint: place the finger on the sensor as asked'
            cand rename 'Rename an enrolled fingerprint'
            cand delete 'Delete an enrolled fingerprint'
        }
        &'fidoctl;help;bio;info'= {
        }
        &'fidoctl;help;bio;list'= {
        }
        &'fidoctl;help;bio;enroll'= {
        }
        &'fidoctl;help;bio;rename'= {
        }
        &'fidoctl;help;bio;delete'= {
        }
        &'fidoctl;help;virtual'= {
            cand create 'Create a virtual key whose state lives in FILE (private keys in the clear: tests only)'
            cand serve 'Expose a virtual key on a UNIX socket (raw 64-byte CTAPHID reports) until stopped'
            cand replug 'Unplug and re-plug a virtual key (power cycle)'
        }
        &'fidoctl;help;virtual;create'= {
        }
        &'fidoctl;help;virtual;serve'= {
        }
        &'fidoctl;help;virtual;replug'= {
        }
        &'fidoctl;help;completions'= {
        }
        &'fidoctl;help;man'= {
        }
        &'fidoctl;help;blobs'= {
            cand list 'List the large blobs: which credential each belongs to, and orphans (needs the PIN)'
            cand get 'Write a credential''s large blob to a file (or to standard output when it is not a terminal)'
            cand set 'Store a file as a credential''s large blob, replacing what it had'
            cand delete 'Delete a credential''s large blob (the others stay)'
            cand clear 'Remove the orphaned blobs (no credential on the key owns them), or everything'
        }
        &'fidoctl;help;blobs;list'= {
        }
        &'fidoctl;help;blobs;get'= {
        }
        &'fidoctl;help;blobs;set'= {
        }
        &'fidoctl;help;blobs;delete'= {
        }
        &'fidoctl;help;blobs;clear'= {
        }
        &'fidoctl;help;token'= {
            cand create 'Get a persistent read-only token with the PIN and store it (mode 0600) for this key'
            cand list 'The tokens in the token folder: which key each is for, and when it was made'
            cand forget 'Delete stored tokens: the selected key''s, or those of the identifier given'
        }
        &'fidoctl;help;token;create'= {
        }
        &'fidoctl;help;token;list'= {
        }
        &'fidoctl;help;token;forget'= {
        }
        &'fidoctl;help;enroll'= {
        }
        &'fidoctl;help;help'= {
        }
    ]
    $completions[$command]
}
