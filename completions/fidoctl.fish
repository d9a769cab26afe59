# -d/--device: hid, virtual:FILE, unix:SOCKET, hid:PATH and the HID keys present.
function __fish_fidoctl_devices
    set -l tok (commandline -ct)
    switch $tok
        case 'virtual:*' 'unix:*' 'hid:*'
            set -l kind (string replace -r ':.*' ':' -- $tok)
            for f in (__fish_complete_path (string replace -r '^[^:]*:' '' -- $tok))
                echo $kind$f
            end
        case '*'
            printf '%s\n' hid virtual: unix: hid:
            fidoctl __complete-devices 2>/dev/null
    end
end

# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_fidoctl_global_optspecs
    string join \n d/device= format= json y/yes timeout= pin-stdin v/verbose journal= no-journal journal-required journal-syslog token-dir= h/help V/version
end

function __fish_fidoctl_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_fidoctl_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_fidoctl_using_subcommand
    set -l cmd (__fish_fidoctl_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c fidoctl -n "__fish_fidoctl_needs_command" -s d -l device -d 'Key to work on: /dev/hidrawN or hid:PATH, \'hid\' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key' -r -f -a '(__fish_fidoctl_devices)'
complete -c fidoctl -n "__fish_fidoctl_needs_command" -l format -d 'Output format: text for people, json or csv for scripts' -r -f -a "text\t''
json\t''
csv\t''"
complete -c fidoctl -n "__fish_fidoctl_needs_command" -l timeout -d 'Seconds to wait for a touch on the key (at most 86400, one day)' -r
complete -c fidoctl -n "__fish_fidoctl_needs_command" -l journal -d 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)' -r -F
complete -c fidoctl -n "__fish_fidoctl_needs_command" -l token-dir -d 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)' -r -F
complete -c fidoctl -n "__fish_fidoctl_needs_command" -l json -d 'Shorthand for --format json'
complete -c fidoctl -n "__fish_fidoctl_needs_command" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c fidoctl -n "__fish_fidoctl_needs_command" -l pin-stdin -d 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
complete -c fidoctl -n "__fish_fidoctl_needs_command" -s v -l verbose -d 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
complete -c fidoctl -n "__fish_fidoctl_needs_command" -l no-journal -d 'Do not record changes made to keys'
complete -c fidoctl -n "__fish_fidoctl_needs_command" -l journal-required -d 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
complete -c fidoctl -n "__fish_fidoctl_needs_command" -l journal-syslog -d 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
complete -c fidoctl -n "__fish_fidoctl_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c fidoctl -n "__fish_fidoctl_needs_command" -s V -l version -d 'Print version'
complete -c fidoctl -n "__fish_fidoctl_needs_command" -f -a "list" -d 'List every security key: path, VID:PID, product, AAGUID, model, CTAP versions'
complete -c fidoctl -n "__fish_fidoctl_needs_command" -f -a "info" -d 'Show what a key is: decoded getInfo, PIN state, retries'
complete -c fidoctl -n "__fish_fidoctl_needs_command" -f -a "wink" -d 'Blink the key so you can find it on the desk'
complete -c fidoctl -n "__fish_fidoctl_needs_command" -f -a "select" -d 'Ask you to touch the key you mean, and print its path'
complete -c fidoctl -n "__fish_fidoctl_needs_command" -f -a "pin" -d 'Set, change and verify the key\'s PIN'
complete -c fidoctl -n "__fish_fidoctl_needs_command" -f -a "creds" -d 'List, delete and update the discoverable credentials on a key (needs the PIN)'
complete -c fidoctl -n "__fish_fidoctl_needs_command" -f -a "ssh" -d 'SSH keys on the key (OpenSSH\'s resident `ssh:` credentials): list them, export their files'
complete -c fidoctl -n "__fish_fidoctl_needs_command" -f -a "config" -d 'Change the key\'s settings: always-UV (on or off again) and enterprise attestation (only a factory reset turns it off)'
complete -c fidoctl -n "__fish_fidoctl_needs_command" -f -a "reset" -d 'Factory-reset a key: erases every credential, the PIN and all settings (guided)'
complete -c fidoctl -n "__fish_fidoctl_needs_command" -f -a "test" -d 'Health check: register a throwaway credential, sign in, verify attestation and signature, clean up'
complete -c fidoctl -n "__fish_fidoctl_needs_command" -f -a "make-credential" -d 'Expert: register a credential and print everything about it (JSON with --json)'
complete -c fidoctl -n "__fish_fidoctl_needs_command" -f -a "get-assertion" -d 'Expert: sign in and print the assertion(s) (JSON with --json)'
complete -c fidoctl -n "__fish_fidoctl_needs_command" -f -a "audit" -d 'Audit every selected key against a policy (no PIN needed): inventory, verdicts, exit codes for scripts'
complete -c fidoctl -n "__fish_fidoctl_needs_command" -f -a "journal" -d 'What fidoctl changed on keys, and when (the journal); `journal verify` checks its hash chain'
complete -c fidoctl -n "__fish_fidoctl_needs_command" -f -a "bio" -d 'Manage the fingerprints on a key with a sensor'
complete -c fidoctl -n "__fish_fidoctl_needs_command" -f -a "virtual" -d 'Create, serve and re-plug virtual keys (software authenticators for tests and training)'
complete -c fidoctl -n "__fish_fidoctl_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c fidoctl -n "__fish_fidoctl_needs_command" -f -a "man" -d 'Write the man pages into a folder'
complete -c fidoctl -n "__fish_fidoctl_needs_command" -f -a "blobs" -d 'Large blobs: per-credential data stored on the key (for example SSH certificates)'
complete -c fidoctl -n "__fish_fidoctl_needs_command" -f -a "token" -d 'CTAP 2.2 persistent read-only tokens: `creds list` and `audit` without a PIN'
complete -c fidoctl -n "__fish_fidoctl_needs_command" -f -a "enroll" -d 'Enrol one key to a policy: audit it, apply the policy\'s [enroll] settings, re-audit, record'
complete -c fidoctl -n "__fish_fidoctl_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand list" -s d -l device -d 'Key to work on: /dev/hidrawN or hid:PATH, \'hid\' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key' -r -f -a '(__fish_fidoctl_devices)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand list" -l format -d 'Output format: text for people, json or csv for scripts' -r -f -a "text\t''
json\t''
csv\t''"
complete -c fidoctl -n "__fish_fidoctl_using_subcommand list" -l timeout -d 'Seconds to wait for a touch on the key (at most 86400, one day)' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand list" -l journal -d 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand list" -l token-dir -d 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand list" -l json -d 'Shorthand for --format json'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand list" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand list" -l pin-stdin -d 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand list" -s v -l verbose -d 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand list" -l no-journal -d 'Do not record changes made to keys'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand list" -l journal-required -d 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand list" -l journal-syslog -d 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand list" -s h -l help -d 'Print help'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand list" -s V -l version -d 'Print version'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand info" -s d -l device -d 'Key to work on: /dev/hidrawN or hid:PATH, \'hid\' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key' -r -f -a '(__fish_fidoctl_devices)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand info" -l format -d 'Output format: text for people, json or csv for scripts' -r -f -a "text\t''
json\t''
csv\t''"
complete -c fidoctl -n "__fish_fidoctl_using_subcommand info" -l timeout -d 'Seconds to wait for a touch on the key (at most 86400, one day)' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand info" -l journal -d 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand info" -l token-dir -d 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand info" -l json -d 'Shorthand for --format json'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand info" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand info" -l pin-stdin -d 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand info" -s v -l verbose -d 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand info" -l no-journal -d 'Do not record changes made to keys'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand info" -l journal-required -d 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand info" -l journal-syslog -d 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand info" -s h -l help -d 'Print help'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand info" -s V -l version -d 'Print version'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand wink" -s d -l device -d 'Key to work on: /dev/hidrawN or hid:PATH, \'hid\' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key' -r -f -a '(__fish_fidoctl_devices)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand wink" -l format -d 'Output format: text for people, json or csv for scripts' -r -f -a "text\t''
json\t''
csv\t''"
complete -c fidoctl -n "__fish_fidoctl_using_subcommand wink" -l timeout -d 'Seconds to wait for a touch on the key (at most 86400, one day)' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand wink" -l journal -d 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand wink" -l token-dir -d 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand wink" -l json -d 'Shorthand for --format json'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand wink" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand wink" -l pin-stdin -d 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand wink" -s v -l verbose -d 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand wink" -l no-journal -d 'Do not record changes made to keys'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand wink" -l journal-required -d 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand wink" -l journal-syslog -d 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand wink" -s h -l help -d 'Print help'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand wink" -s V -l version -d 'Print version'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand select" -s d -l device -d 'Key to work on: /dev/hidrawN or hid:PATH, \'hid\' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key' -r -f -a '(__fish_fidoctl_devices)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand select" -l format -d 'Output format: text for people, json or csv for scripts' -r -f -a "text\t''
json\t''
csv\t''"
complete -c fidoctl -n "__fish_fidoctl_using_subcommand select" -l timeout -d 'Seconds to wait for a touch on the key (at most 86400, one day)' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand select" -l journal -d 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand select" -l token-dir -d 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand select" -l json -d 'Shorthand for --format json'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand select" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand select" -l pin-stdin -d 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand select" -s v -l verbose -d 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand select" -l no-journal -d 'Do not record changes made to keys'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand select" -l journal-required -d 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand select" -l journal-syslog -d 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand select" -s h -l help -d 'Print help'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand select" -s V -l version -d 'Print version'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and not __fish_seen_subcommand_from set change verify min-length force-change help" -s d -l device -d 'Key to work on: /dev/hidrawN or hid:PATH, \'hid\' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key' -r -f -a '(__fish_fidoctl_devices)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and not __fish_seen_subcommand_from set change verify min-length force-change help" -l format -d 'Output format: text for people, json or csv for scripts' -r -f -a "text\t''
json\t''
csv\t''"
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and not __fish_seen_subcommand_from set change verify min-length force-change help" -l timeout -d 'Seconds to wait for a touch on the key (at most 86400, one day)' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and not __fish_seen_subcommand_from set change verify min-length force-change help" -l journal -d 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and not __fish_seen_subcommand_from set change verify min-length force-change help" -l token-dir -d 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and not __fish_seen_subcommand_from set change verify min-length force-change help" -l json -d 'Shorthand for --format json'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and not __fish_seen_subcommand_from set change verify min-length force-change help" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and not __fish_seen_subcommand_from set change verify min-length force-change help" -l pin-stdin -d 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and not __fish_seen_subcommand_from set change verify min-length force-change help" -s v -l verbose -d 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and not __fish_seen_subcommand_from set change verify min-length force-change help" -l no-journal -d 'Do not record changes made to keys'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and not __fish_seen_subcommand_from set change verify min-length force-change help" -l journal-required -d 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and not __fish_seen_subcommand_from set change verify min-length force-change help" -l journal-syslog -d 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and not __fish_seen_subcommand_from set change verify min-length force-change help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and not __fish_seen_subcommand_from set change verify min-length force-change help" -s V -l version -d 'Print version'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and not __fish_seen_subcommand_from set change verify min-length force-change help" -f -a "set" -d 'Set the PIN of a key that has none'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and not __fish_seen_subcommand_from set change verify min-length force-change help" -f -a "change" -d 'Change the PIN (the current PIN is needed)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and not __fish_seen_subcommand_from set change verify min-length force-change help" -f -a "verify" -d 'Check a PIN without changing anything (a wrong PIN uses up an attempt)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and not __fish_seen_subcommand_from set change verify min-length force-change help" -f -a "min-length" -d 'Raise the minimum PIN length (only a reset lowers it again)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and not __fish_seen_subcommand_from set change verify min-length force-change help" -f -a "force-change" -d 'Require the PIN to be changed before its next use'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and not __fish_seen_subcommand_from set change verify min-length force-change help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from set" -s d -l device -d 'Key to work on: /dev/hidrawN or hid:PATH, \'hid\' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key' -r -f -a '(__fish_fidoctl_devices)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from set" -l format -d 'Output format: text for people, json or csv for scripts' -r -f -a "text\t''
json\t''
csv\t''"
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from set" -l timeout -d 'Seconds to wait for a touch on the key (at most 86400, one day)' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from set" -l journal -d 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from set" -l token-dir -d 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from set" -l json -d 'Shorthand for --format json'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from set" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from set" -l pin-stdin -d 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from set" -s v -l verbose -d 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from set" -l no-journal -d 'Do not record changes made to keys'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from set" -l journal-required -d 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from set" -l journal-syslog -d 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from set" -s V -l version -d 'Print version'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from change" -s d -l device -d 'Key to work on: /dev/hidrawN or hid:PATH, \'hid\' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key' -r -f -a '(__fish_fidoctl_devices)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from change" -l format -d 'Output format: text for people, json or csv for scripts' -r -f -a "text\t''
json\t''
csv\t''"
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from change" -l timeout -d 'Seconds to wait for a touch on the key (at most 86400, one day)' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from change" -l journal -d 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from change" -l token-dir -d 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from change" -l json -d 'Shorthand for --format json'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from change" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from change" -l pin-stdin -d 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from change" -s v -l verbose -d 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from change" -l no-journal -d 'Do not record changes made to keys'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from change" -l journal-required -d 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from change" -l journal-syslog -d 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from change" -s h -l help -d 'Print help'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from change" -s V -l version -d 'Print version'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from verify" -s d -l device -d 'Key to work on: /dev/hidrawN or hid:PATH, \'hid\' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key' -r -f -a '(__fish_fidoctl_devices)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from verify" -l format -d 'Output format: text for people, json or csv for scripts' -r -f -a "text\t''
json\t''
csv\t''"
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from verify" -l timeout -d 'Seconds to wait for a touch on the key (at most 86400, one day)' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from verify" -l journal -d 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from verify" -l token-dir -d 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from verify" -l json -d 'Shorthand for --format json'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from verify" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from verify" -l pin-stdin -d 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from verify" -s v -l verbose -d 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from verify" -l no-journal -d 'Do not record changes made to keys'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from verify" -l journal-required -d 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from verify" -l journal-syslog -d 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from verify" -s V -l version -d 'Print version'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from min-length" -l rp-id -d 'A site allowed to read the minimum (minPinLength extension). Repeatable' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from min-length" -s d -l device -d 'Key to work on: /dev/hidrawN or hid:PATH, \'hid\' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key' -r -f -a '(__fish_fidoctl_devices)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from min-length" -l format -d 'Output format: text for people, json or csv for scripts' -r -f -a "text\t''
json\t''
csv\t''"
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from min-length" -l timeout -d 'Seconds to wait for a touch on the key (at most 86400, one day)' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from min-length" -l journal -d 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from min-length" -l token-dir -d 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from min-length" -l force-change -d 'Also require the PIN to be changed before its next use'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from min-length" -l json -d 'Shorthand for --format json'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from min-length" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from min-length" -l pin-stdin -d 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from min-length" -s v -l verbose -d 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from min-length" -l no-journal -d 'Do not record changes made to keys'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from min-length" -l journal-required -d 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from min-length" -l journal-syslog -d 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from min-length" -s h -l help -d 'Print help'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from min-length" -s V -l version -d 'Print version'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from force-change" -s d -l device -d 'Key to work on: /dev/hidrawN or hid:PATH, \'hid\' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key' -r -f -a '(__fish_fidoctl_devices)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from force-change" -l format -d 'Output format: text for people, json or csv for scripts' -r -f -a "text\t''
json\t''
csv\t''"
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from force-change" -l timeout -d 'Seconds to wait for a touch on the key (at most 86400, one day)' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from force-change" -l journal -d 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from force-change" -l token-dir -d 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from force-change" -l json -d 'Shorthand for --format json'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from force-change" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from force-change" -l pin-stdin -d 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from force-change" -s v -l verbose -d 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from force-change" -l no-journal -d 'Do not record changes made to keys'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from force-change" -l journal-required -d 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from force-change" -l journal-syslog -d 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from force-change" -s h -l help -d 'Print help'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from force-change" -s V -l version -d 'Print version'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from help" -f -a "set" -d 'Set the PIN of a key that has none'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from help" -f -a "change" -d 'Change the PIN (the current PIN is needed)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from help" -f -a "verify" -d 'Check a PIN without changing anything (a wrong PIN uses up an attempt)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from help" -f -a "min-length" -d 'Raise the minimum PIN length (only a reset lowers it again)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from help" -f -a "force-change" -d 'Require the PIN to be changed before its next use'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand pin; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand creds; and not __fish_seen_subcommand_from list delete update help" -s d -l device -d 'Key to work on: /dev/hidrawN or hid:PATH, \'hid\' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key' -r -f -a '(__fish_fidoctl_devices)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand creds; and not __fish_seen_subcommand_from list delete update help" -l format -d 'Output format: text for people, json or csv for scripts' -r -f -a "text\t''
json\t''
csv\t''"
complete -c fidoctl -n "__fish_fidoctl_using_subcommand creds; and not __fish_seen_subcommand_from list delete update help" -l timeout -d 'Seconds to wait for a touch on the key (at most 86400, one day)' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand creds; and not __fish_seen_subcommand_from list delete update help" -l journal -d 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand creds; and not __fish_seen_subcommand_from list delete update help" -l token-dir -d 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand creds; and not __fish_seen_subcommand_from list delete update help" -l json -d 'Shorthand for --format json'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand creds; and not __fish_seen_subcommand_from list delete update help" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand creds; and not __fish_seen_subcommand_from list delete update help" -l pin-stdin -d 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand creds; and not __fish_seen_subcommand_from list delete update help" -s v -l verbose -d 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand creds; and not __fish_seen_subcommand_from list delete update help" -l no-journal -d 'Do not record changes made to keys'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand creds; and not __fish_seen_subcommand_from list delete update help" -l journal-required -d 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand creds; and not __fish_seen_subcommand_from list delete update help" -l journal-syslog -d 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand creds; and not __fish_seen_subcommand_from list delete update help" -s h -l help -d 'Print help'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand creds; and not __fish_seen_subcommand_from list delete update help" -s V -l version -d 'Print version'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand creds; and not __fish_seen_subcommand_from list delete update help" -f -a "list" -d 'Every discoverable credential, grouped by relying party, with slots used and left'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand creds; and not __fish_seen_subcommand_from list delete update help" -f -a "delete" -d 'Delete exactly one credential; shows its RP and user and asks first'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand creds; and not __fish_seen_subcommand_from list delete update help" -f -a "update" -d 'Change the user name and/or display name stored with a credential'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand creds; and not __fish_seen_subcommand_from list delete update help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand creds; and __fish_seen_subcommand_from list" -l rp -d 'Only this relying party (e.g. github.com)' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand creds; and __fish_seen_subcommand_from list" -s d -l device -d 'Key to work on: /dev/hidrawN or hid:PATH, \'hid\' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key' -r -f -a '(__fish_fidoctl_devices)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand creds; and __fish_seen_subcommand_from list" -l format -d 'Output format: text for people, json or csv for scripts' -r -f -a "text\t''
json\t''
csv\t''"
complete -c fidoctl -n "__fish_fidoctl_using_subcommand creds; and __fish_seen_subcommand_from list" -l timeout -d 'Seconds to wait for a touch on the key (at most 86400, one day)' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand creds; and __fish_seen_subcommand_from list" -l journal -d 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand creds; and __fish_seen_subcommand_from list" -l token-dir -d 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand creds; and __fish_seen_subcommand_from list" -l json -d 'Shorthand for --format json'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand creds; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand creds; and __fish_seen_subcommand_from list" -l pin-stdin -d 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand creds; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand creds; and __fish_seen_subcommand_from list" -l no-journal -d 'Do not record changes made to keys'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand creds; and __fish_seen_subcommand_from list" -l journal-required -d 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand creds; and __fish_seen_subcommand_from list" -l journal-syslog -d 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand creds; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand creds; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand creds; and __fish_seen_subcommand_from delete" -s d -l device -d 'Key to work on: /dev/hidrawN or hid:PATH, \'hid\' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key' -r -f -a '(__fish_fidoctl_devices)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand creds; and __fish_seen_subcommand_from delete" -l format -d 'Output format: text for people, json or csv for scripts' -r -f -a "text\t''
json\t''
csv\t''"
complete -c fidoctl -n "__fish_fidoctl_using_subcommand creds; and __fish_seen_subcommand_from delete" -l timeout -d 'Seconds to wait for a touch on the key (at most 86400, one day)' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand creds; and __fish_seen_subcommand_from delete" -l journal -d 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand creds; and __fish_seen_subcommand_from delete" -l token-dir -d 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand creds; and __fish_seen_subcommand_from delete" -l json -d 'Shorthand for --format json'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand creds; and __fish_seen_subcommand_from delete" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand creds; and __fish_seen_subcommand_from delete" -l pin-stdin -d 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand creds; and __fish_seen_subcommand_from delete" -s v -l verbose -d 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand creds; and __fish_seen_subcommand_from delete" -l no-journal -d 'Do not record changes made to keys'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand creds; and __fish_seen_subcommand_from delete" -l journal-required -d 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand creds; and __fish_seen_subcommand_from delete" -l journal-syslog -d 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand creds; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand creds; and __fish_seen_subcommand_from delete" -s V -l version -d 'Print version'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand creds; and __fish_seen_subcommand_from update" -l name -d 'The new user name' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand creds; and __fish_seen_subcommand_from update" -l display-name -d 'The new display name' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand creds; and __fish_seen_subcommand_from update" -s d -l device -d 'Key to work on: /dev/hidrawN or hid:PATH, \'hid\' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key' -r -f -a '(__fish_fidoctl_devices)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand creds; and __fish_seen_subcommand_from update" -l format -d 'Output format: text for people, json or csv for scripts' -r -f -a "text\t''
json\t''
csv\t''"
complete -c fidoctl -n "__fish_fidoctl_using_subcommand creds; and __fish_seen_subcommand_from update" -l timeout -d 'Seconds to wait for a touch on the key (at most 86400, one day)' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand creds; and __fish_seen_subcommand_from update" -l journal -d 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand creds; and __fish_seen_subcommand_from update" -l token-dir -d 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand creds; and __fish_seen_subcommand_from update" -l json -d 'Shorthand for --format json'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand creds; and __fish_seen_subcommand_from update" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand creds; and __fish_seen_subcommand_from update" -l pin-stdin -d 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand creds; and __fish_seen_subcommand_from update" -s v -l verbose -d 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand creds; and __fish_seen_subcommand_from update" -l no-journal -d 'Do not record changes made to keys'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand creds; and __fish_seen_subcommand_from update" -l journal-required -d 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand creds; and __fish_seen_subcommand_from update" -l journal-syslog -d 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand creds; and __fish_seen_subcommand_from update" -s h -l help -d 'Print help'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand creds; and __fish_seen_subcommand_from update" -s V -l version -d 'Print version'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand creds; and __fish_seen_subcommand_from help" -f -a "list" -d 'Every discoverable credential, grouped by relying party, with slots used and left'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand creds; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete exactly one credential; shows its RP and user and asks first'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand creds; and __fish_seen_subcommand_from help" -f -a "update" -d 'Change the user name and/or display name stored with a credential'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand creds; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand ssh; and not __fish_seen_subcommand_from list export help" -s d -l device -d 'Key to work on: /dev/hidrawN or hid:PATH, \'hid\' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key' -r -f -a '(__fish_fidoctl_devices)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand ssh; and not __fish_seen_subcommand_from list export help" -l format -d 'Output format: text for people, json or csv for scripts' -r -f -a "text\t''
json\t''
csv\t''"
complete -c fidoctl -n "__fish_fidoctl_using_subcommand ssh; and not __fish_seen_subcommand_from list export help" -l timeout -d 'Seconds to wait for a touch on the key (at most 86400, one day)' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand ssh; and not __fish_seen_subcommand_from list export help" -l journal -d 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand ssh; and not __fish_seen_subcommand_from list export help" -l token-dir -d 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand ssh; and not __fish_seen_subcommand_from list export help" -l json -d 'Shorthand for --format json'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand ssh; and not __fish_seen_subcommand_from list export help" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand ssh; and not __fish_seen_subcommand_from list export help" -l pin-stdin -d 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand ssh; and not __fish_seen_subcommand_from list export help" -s v -l verbose -d 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand ssh; and not __fish_seen_subcommand_from list export help" -l no-journal -d 'Do not record changes made to keys'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand ssh; and not __fish_seen_subcommand_from list export help" -l journal-required -d 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand ssh; and not __fish_seen_subcommand_from list export help" -l journal-syslog -d 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand ssh; and not __fish_seen_subcommand_from list export help" -s h -l help -d 'Print help'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand ssh; and not __fish_seen_subcommand_from list export help" -s V -l version -d 'Print version'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand ssh; and not __fish_seen_subcommand_from list export help" -f -a "list" -d 'The resident SSH keys: application, user, fingerprint and public key line (needs the PIN)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand ssh; and not __fish_seen_subcommand_from list export help" -f -a "export" -d 'Write the key-handle file and .pub that `ssh-keygen -K` writes, for each resident SSH key'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand ssh; and not __fish_seen_subcommand_from list export help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand ssh; and __fish_seen_subcommand_from list" -l rp -d 'Only this application (ssh: or ssh:NAME)' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand ssh; and __fish_seen_subcommand_from list" -s d -l device -d 'Key to work on: /dev/hidrawN or hid:PATH, \'hid\' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key' -r -f -a '(__fish_fidoctl_devices)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand ssh; and __fish_seen_subcommand_from list" -l format -d 'Output format: text for people, json or csv for scripts' -r -f -a "text\t''
json\t''
csv\t''"
complete -c fidoctl -n "__fish_fidoctl_using_subcommand ssh; and __fish_seen_subcommand_from list" -l timeout -d 'Seconds to wait for a touch on the key (at most 86400, one day)' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand ssh; and __fish_seen_subcommand_from list" -l journal -d 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand ssh; and __fish_seen_subcommand_from list" -l token-dir -d 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand ssh; and __fish_seen_subcommand_from list" -l json -d 'Shorthand for --format json'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand ssh; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand ssh; and __fish_seen_subcommand_from list" -l pin-stdin -d 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand ssh; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand ssh; and __fish_seen_subcommand_from list" -l no-journal -d 'Do not record changes made to keys'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand ssh; and __fish_seen_subcommand_from list" -l journal-required -d 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand ssh; and __fish_seen_subcommand_from list" -l journal-syslog -d 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand ssh; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand ssh; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand ssh; and __fish_seen_subcommand_from export" -l rp -d 'Only this application (ssh: or ssh:NAME)' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand ssh; and __fish_seen_subcommand_from export" -s o -l output -d 'The folder to write into (it must exist)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand ssh; and __fish_seen_subcommand_from export" -s d -l device -d 'Key to work on: /dev/hidrawN or hid:PATH, \'hid\' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key' -r -f -a '(__fish_fidoctl_devices)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand ssh; and __fish_seen_subcommand_from export" -l format -d 'Output format: text for people, json or csv for scripts' -r -f -a "text\t''
json\t''
csv\t''"
complete -c fidoctl -n "__fish_fidoctl_using_subcommand ssh; and __fish_seen_subcommand_from export" -l timeout -d 'Seconds to wait for a touch on the key (at most 86400, one day)' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand ssh; and __fish_seen_subcommand_from export" -l journal -d 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand ssh; and __fish_seen_subcommand_from export" -l token-dir -d 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand ssh; and __fish_seen_subcommand_from export" -l force -d 'Replace files that already exist'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand ssh; and __fish_seen_subcommand_from export" -l json -d 'Shorthand for --format json'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand ssh; and __fish_seen_subcommand_from export" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand ssh; and __fish_seen_subcommand_from export" -l pin-stdin -d 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand ssh; and __fish_seen_subcommand_from export" -s v -l verbose -d 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand ssh; and __fish_seen_subcommand_from export" -l no-journal -d 'Do not record changes made to keys'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand ssh; and __fish_seen_subcommand_from export" -l journal-required -d 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand ssh; and __fish_seen_subcommand_from export" -l journal-syslog -d 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand ssh; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand ssh; and __fish_seen_subcommand_from export" -s V -l version -d 'Print version'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand ssh; and __fish_seen_subcommand_from help" -f -a "list" -d 'The resident SSH keys: application, user, fingerprint and public key line (needs the PIN)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand ssh; and __fish_seen_subcommand_from help" -f -a "export" -d 'Write the key-handle file and .pub that `ssh-keygen -K` writes, for each resident SSH key'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand ssh; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand config; and not __fish_seen_subcommand_from always-uv enterprise-attestation help" -s d -l device -d 'Key to work on: /dev/hidrawN or hid:PATH, \'hid\' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key' -r -f -a '(__fish_fidoctl_devices)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand config; and not __fish_seen_subcommand_from always-uv enterprise-attestation help" -l format -d 'Output format: text for people, json or csv for scripts' -r -f -a "text\t''
json\t''
csv\t''"
complete -c fidoctl -n "__fish_fidoctl_using_subcommand config; and not __fish_seen_subcommand_from always-uv enterprise-attestation help" -l timeout -d 'Seconds to wait for a touch on the key (at most 86400, one day)' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand config; and not __fish_seen_subcommand_from always-uv enterprise-attestation help" -l journal -d 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand config; and not __fish_seen_subcommand_from always-uv enterprise-attestation help" -l token-dir -d 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand config; and not __fish_seen_subcommand_from always-uv enterprise-attestation help" -l json -d 'Shorthand for --format json'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand config; and not __fish_seen_subcommand_from always-uv enterprise-attestation help" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand config; and not __fish_seen_subcommand_from always-uv enterprise-attestation help" -l pin-stdin -d 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand config; and not __fish_seen_subcommand_from always-uv enterprise-attestation help" -s v -l verbose -d 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand config; and not __fish_seen_subcommand_from always-uv enterprise-attestation help" -l no-journal -d 'Do not record changes made to keys'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand config; and not __fish_seen_subcommand_from always-uv enterprise-attestation help" -l journal-required -d 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand config; and not __fish_seen_subcommand_from always-uv enterprise-attestation help" -l journal-syslog -d 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand config; and not __fish_seen_subcommand_from always-uv enterprise-attestation help" -s h -l help -d 'Print help'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand config; and not __fish_seen_subcommand_from always-uv enterprise-attestation help" -s V -l version -d 'Print version'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand config; and not __fish_seen_subcommand_from always-uv enterprise-attestation help" -f -a "always-uv" -d 'Require user verification (PIN) for every use of the key (on), or no longer (off)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand config; and not __fish_seen_subcommand_from always-uv enterprise-attestation help" -f -a "enterprise-attestation" -d 'Allow enterprise attestation (identifies the individual key to sites your organisation lists)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand config; and not __fish_seen_subcommand_from always-uv enterprise-attestation help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand config; and __fish_seen_subcommand_from always-uv" -s d -l device -d 'Key to work on: /dev/hidrawN or hid:PATH, \'hid\' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key' -r -f -a '(__fish_fidoctl_devices)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand config; and __fish_seen_subcommand_from always-uv" -l format -d 'Output format: text for people, json or csv for scripts' -r -f -a "text\t''
json\t''
csv\t''"
complete -c fidoctl -n "__fish_fidoctl_using_subcommand config; and __fish_seen_subcommand_from always-uv" -l timeout -d 'Seconds to wait for a touch on the key (at most 86400, one day)' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand config; and __fish_seen_subcommand_from always-uv" -l journal -d 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand config; and __fish_seen_subcommand_from always-uv" -l token-dir -d 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand config; and __fish_seen_subcommand_from always-uv" -l json -d 'Shorthand for --format json'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand config; and __fish_seen_subcommand_from always-uv" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand config; and __fish_seen_subcommand_from always-uv" -l pin-stdin -d 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand config; and __fish_seen_subcommand_from always-uv" -s v -l verbose -d 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand config; and __fish_seen_subcommand_from always-uv" -l no-journal -d 'Do not record changes made to keys'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand config; and __fish_seen_subcommand_from always-uv" -l journal-required -d 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand config; and __fish_seen_subcommand_from always-uv" -l journal-syslog -d 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand config; and __fish_seen_subcommand_from always-uv" -s h -l help -d 'Print help'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand config; and __fish_seen_subcommand_from always-uv" -s V -l version -d 'Print version'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand config; and __fish_seen_subcommand_from enterprise-attestation" -s d -l device -d 'Key to work on: /dev/hidrawN or hid:PATH, \'hid\' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key' -r -f -a '(__fish_fidoctl_devices)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand config; and __fish_seen_subcommand_from enterprise-attestation" -l format -d 'Output format: text for people, json or csv for scripts' -r -f -a "text\t''
json\t''
csv\t''"
complete -c fidoctl -n "__fish_fidoctl_using_subcommand config; and __fish_seen_subcommand_from enterprise-attestation" -l timeout -d 'Seconds to wait for a touch on the key (at most 86400, one day)' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand config; and __fish_seen_subcommand_from enterprise-attestation" -l journal -d 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand config; and __fish_seen_subcommand_from enterprise-attestation" -l token-dir -d 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand config; and __fish_seen_subcommand_from enterprise-attestation" -l json -d 'Shorthand for --format json'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand config; and __fish_seen_subcommand_from enterprise-attestation" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand config; and __fish_seen_subcommand_from enterprise-attestation" -l pin-stdin -d 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand config; and __fish_seen_subcommand_from enterprise-attestation" -s v -l verbose -d 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand config; and __fish_seen_subcommand_from enterprise-attestation" -l no-journal -d 'Do not record changes made to keys'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand config; and __fish_seen_subcommand_from enterprise-attestation" -l journal-required -d 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand config; and __fish_seen_subcommand_from enterprise-attestation" -l journal-syslog -d 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand config; and __fish_seen_subcommand_from enterprise-attestation" -s h -l help -d 'Print help'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand config; and __fish_seen_subcommand_from enterprise-attestation" -s V -l version -d 'Print version'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "always-uv" -d 'Require user verification (PIN) for every use of the key (on), or no longer (off)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "enterprise-attestation" -d 'Allow enterprise attestation (identifies the individual key to sites your organisation lists)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand reset" -s d -l device -d 'Key to work on: /dev/hidrawN or hid:PATH, \'hid\' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key' -r -f -a '(__fish_fidoctl_devices)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand reset" -l format -d 'Output format: text for people, json or csv for scripts' -r -f -a "text\t''
json\t''
csv\t''"
complete -c fidoctl -n "__fish_fidoctl_using_subcommand reset" -l timeout -d 'Seconds to wait for a touch on the key (at most 86400, one day)' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand reset" -l journal -d 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand reset" -l token-dir -d 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand reset" -l skip-replug -d 'Do not ask for (or do) the unplug/re-plug first: for a key that was plugged in seconds ago'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand reset" -l json -d 'Shorthand for --format json'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand reset" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand reset" -l pin-stdin -d 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand reset" -s v -l verbose -d 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand reset" -l no-journal -d 'Do not record changes made to keys'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand reset" -l journal-required -d 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand reset" -l journal-syslog -d 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand reset" -s h -l help -d 'Print help'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand reset" -s V -l version -d 'Print version'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand test" -l alg -d 'The test credential\'s algorithm (default: ES256, or EdDSA on a key without ES256)' -r -f -a "es256\t''
eddsa\t''
es384\t''
rs256\t''"
complete -c fidoctl -n "__fish_fidoctl_using_subcommand test" -s d -l device -d 'Key to work on: /dev/hidrawN or hid:PATH, \'hid\' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key' -r -f -a '(__fish_fidoctl_devices)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand test" -l format -d 'Output format: text for people, json or csv for scripts' -r -f -a "text\t''
json\t''
csv\t''"
complete -c fidoctl -n "__fish_fidoctl_using_subcommand test" -l timeout -d 'Seconds to wait for a touch on the key (at most 86400, one day)' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand test" -l journal -d 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand test" -l token-dir -d 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand test" -l resident -d 'Make a discoverable credential (deleted again afterwards; needs credential management)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand test" -l uv -d 'Verify the user (PIN) too'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand test" -l json -d 'Shorthand for --format json'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand test" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand test" -l pin-stdin -d 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand test" -s v -l verbose -d 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand test" -l no-journal -d 'Do not record changes made to keys'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand test" -l journal-required -d 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand test" -l journal-syslog -d 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand test" -s h -l help -d 'Print help'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand test" -s V -l version -d 'Print version'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand make-credential" -l rp -d 'The relying party id (a domain)' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand make-credential" -l user-name -d 'The user name stored with the credential (default: fidoctl)' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand make-credential" -l display-name -d 'The user\'s display name stored with the credential (default: none)' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand make-credential" -l alg -d 'The signature algorithm to ask the key for' -r -f -a "es256\t''
eddsa\t''
es384\t''
rs256\t''"
complete -c fidoctl -n "__fish_fidoctl_using_subcommand make-credential" -l client-data-hash -d 'The client data hash to sign (64 hex digits); random if left out' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand make-credential" -l cred-blob -d 'Store these bytes (hex) with the credential (credBlob extension; at most the key\'s maxCredBlobLength)' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand make-credential" -s d -l device -d 'Key to work on: /dev/hidrawN or hid:PATH, \'hid\' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key' -r -f -a '(__fish_fidoctl_devices)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand make-credential" -l format -d 'Output format: text for people, json or csv for scripts' -r -f -a "text\t''
json\t''
csv\t''"
complete -c fidoctl -n "__fish_fidoctl_using_subcommand make-credential" -l timeout -d 'Seconds to wait for a touch on the key (at most 86400, one day)' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand make-credential" -l journal -d 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand make-credential" -l token-dir -d 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand make-credential" -l resident -d 'A discoverable (resident) credential'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand make-credential" -l uv -d 'Verify the user (PIN)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand make-credential" -l large-blob-key -d 'Ask for a largeBlobKey, so the credential can own a large blob (`fidoctl blobs set`; needs --resident)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand make-credential" -l json -d 'Shorthand for --format json'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand make-credential" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand make-credential" -l pin-stdin -d 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand make-credential" -s v -l verbose -d 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand make-credential" -l no-journal -d 'Do not record changes made to keys'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand make-credential" -l journal-required -d 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand make-credential" -l journal-syslog -d 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand make-credential" -s h -l help -d 'Print help'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand make-credential" -s V -l version -d 'Print version'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand get-assertion" -l rp -d 'The relying party id (a domain)' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand get-assertion" -l cred -d 'Allowed credential id (base64url, hex:… or b64:…). Repeatable; none = discoverable credentials' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand get-assertion" -l client-data-hash -d 'The client data hash to sign (64 hex digits); random if left out' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand get-assertion" -s d -l device -d 'Key to work on: /dev/hidrawN or hid:PATH, \'hid\' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key' -r -f -a '(__fish_fidoctl_devices)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand get-assertion" -l format -d 'Output format: text for people, json or csv for scripts' -r -f -a "text\t''
json\t''
csv\t''"
complete -c fidoctl -n "__fish_fidoctl_using_subcommand get-assertion" -l timeout -d 'Seconds to wait for a touch on the key (at most 86400, one day)' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand get-assertion" -l journal -d 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand get-assertion" -l token-dir -d 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand get-assertion" -l uv -d 'Verify the user (PIN)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand get-assertion" -l cred-blob -d 'Ask for each credential\'s credBlob (the extension) and show it'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand get-assertion" -l json -d 'Shorthand for --format json'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand get-assertion" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand get-assertion" -l pin-stdin -d 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand get-assertion" -s v -l verbose -d 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand get-assertion" -l no-journal -d 'Do not record changes made to keys'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand get-assertion" -l journal-required -d 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand get-assertion" -l journal-syslog -d 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand get-assertion" -s h -l help -d 'Print help'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand get-assertion" -s V -l version -d 'Print version'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand audit" -l policy -d 'The policy (TOML); without it: require_pin and forbid_known_vulnerable' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand audit" -l mds -d 'The FIDO Metadata Service BLOB (a JWT), verified before use' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand audit" -l mds-root -d 'Trust this root (PEM or DER) for --mds instead of the pinned GlobalSign roots' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand audit" -s d -l device -d 'Key to work on: /dev/hidrawN or hid:PATH, \'hid\' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key' -r -f -a '(__fish_fidoctl_devices)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand audit" -l format -d 'Output format: text for people, json or csv for scripts' -r -f -a "text\t''
json\t''
csv\t''"
complete -c fidoctl -n "__fish_fidoctl_using_subcommand audit" -l timeout -d 'Seconds to wait for a touch on the key (at most 86400, one day)' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand audit" -l journal -d 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand audit" -l token-dir -d 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand audit" -l attest -d 'Check each key is genuine: one throwaway registration (one touch) per key'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand audit" -l strict -d 'Treat unknown verdicts as failures'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand audit" -l json -d 'Shorthand for --format json'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand audit" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand audit" -l pin-stdin -d 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand audit" -s v -l verbose -d 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand audit" -l no-journal -d 'Do not record changes made to keys'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand audit" -l journal-required -d 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand audit" -l journal-syslog -d 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand audit" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand audit" -s V -l version -d 'Print version'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand journal; and not __fish_seen_subcommand_from verify help" -l since -d 'Only records from this day (YYYY-MM-DD, UTC) or moment (RFC 3339) on' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand journal; and not __fish_seen_subcommand_from verify help" -l key -d 'Only records of this key: its AAGUID, its path or its identifier' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand journal; and not __fish_seen_subcommand_from verify help" -s d -l device -d 'Key to work on: /dev/hidrawN or hid:PATH, \'hid\' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key' -r -f -a '(__fish_fidoctl_devices)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand journal; and not __fish_seen_subcommand_from verify help" -l format -d 'Output format: text for people, json or csv for scripts' -r -f -a "text\t''
json\t''
csv\t''"
complete -c fidoctl -n "__fish_fidoctl_using_subcommand journal; and not __fish_seen_subcommand_from verify help" -l timeout -d 'Seconds to wait for a touch on the key (at most 86400, one day)' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand journal; and not __fish_seen_subcommand_from verify help" -l journal -d 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand journal; and not __fish_seen_subcommand_from verify help" -l token-dir -d 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand journal; and not __fish_seen_subcommand_from verify help" -l json -d 'Shorthand for --format json'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand journal; and not __fish_seen_subcommand_from verify help" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand journal; and not __fish_seen_subcommand_from verify help" -l pin-stdin -d 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand journal; and not __fish_seen_subcommand_from verify help" -s v -l verbose -d 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand journal; and not __fish_seen_subcommand_from verify help" -l no-journal -d 'Do not record changes made to keys'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand journal; and not __fish_seen_subcommand_from verify help" -l journal-required -d 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand journal; and not __fish_seen_subcommand_from verify help" -l journal-syslog -d 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand journal; and not __fish_seen_subcommand_from verify help" -s h -l help -d 'Print help'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand journal; and not __fish_seen_subcommand_from verify help" -s V -l version -d 'Print version'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand journal; and not __fish_seen_subcommand_from verify help" -f -a "verify" -d 'Check the journal\'s hash chain: exit 1 and the first record edited, removed or reordered'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand journal; and not __fish_seen_subcommand_from verify help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand journal; and __fish_seen_subcommand_from verify" -s d -l device -d 'Key to work on: /dev/hidrawN or hid:PATH, \'hid\' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key' -r -f -a '(__fish_fidoctl_devices)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand journal; and __fish_seen_subcommand_from verify" -l format -d 'Output format: text for people, json or csv for scripts' -r -f -a "text\t''
json\t''
csv\t''"
complete -c fidoctl -n "__fish_fidoctl_using_subcommand journal; and __fish_seen_subcommand_from verify" -l timeout -d 'Seconds to wait for a touch on the key (at most 86400, one day)' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand journal; and __fish_seen_subcommand_from verify" -l journal -d 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand journal; and __fish_seen_subcommand_from verify" -l token-dir -d 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand journal; and __fish_seen_subcommand_from verify" -l json -d 'Shorthand for --format json'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand journal; and __fish_seen_subcommand_from verify" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand journal; and __fish_seen_subcommand_from verify" -l pin-stdin -d 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand journal; and __fish_seen_subcommand_from verify" -s v -l verbose -d 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand journal; and __fish_seen_subcommand_from verify" -l no-journal -d 'Do not record changes made to keys'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand journal; and __fish_seen_subcommand_from verify" -l journal-required -d 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand journal; and __fish_seen_subcommand_from verify" -l journal-syslog -d 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand journal; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand journal; and __fish_seen_subcommand_from verify" -s V -l version -d 'Print version'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand journal; and __fish_seen_subcommand_from help" -f -a "verify" -d 'Check the journal\'s hash chain: exit 1 and the first record edited, removed or reordered'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand journal; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and not __fish_seen_subcommand_from info list enroll rename delete help" -s d -l device -d 'Key to work on: /dev/hidrawN or hid:PATH, \'hid\' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key' -r -f -a '(__fish_fidoctl_devices)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and not __fish_seen_subcommand_from info list enroll rename delete help" -l format -d 'Output format: text for people, json or csv for scripts' -r -f -a "text\t''
json\t''
csv\t''"
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and not __fish_seen_subcommand_from info list enroll rename delete help" -l timeout -d 'Seconds to wait for a touch on the key (at most 86400, one day)' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and not __fish_seen_subcommand_from info list enroll rename delete help" -l journal -d 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and not __fish_seen_subcommand_from info list enroll rename delete help" -l token-dir -d 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and not __fish_seen_subcommand_from info list enroll rename delete help" -l json -d 'Shorthand for --format json'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and not __fish_seen_subcommand_from info list enroll rename delete help" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and not __fish_seen_subcommand_from info list enroll rename delete help" -l pin-stdin -d 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and not __fish_seen_subcommand_from info list enroll rename delete help" -s v -l verbose -d 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and not __fish_seen_subcommand_from info list enroll rename delete help" -l no-journal -d 'Do not record changes made to keys'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and not __fish_seen_subcommand_from info list enroll rename delete help" -l journal-required -d 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and not __fish_seen_subcommand_from info list enroll rename delete help" -l journal-syslog -d 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and not __fish_seen_subcommand_from info list enroll rename delete help" -s h -l help -d 'Print help'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and not __fish_seen_subcommand_from info list enroll rename delete help" -s V -l version -d 'Print version'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and not __fish_seen_subcommand_from info list enroll rename delete help" -f -a "info" -d 'Show the fingerprint sensor\'s details'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and not __fish_seen_subcommand_from info list enroll rename delete help" -f -a "list" -d 'List the enrolled fingerprints (id and name)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and not __fish_seen_subcommand_from info list enroll rename delete help" -f -a "enroll" -d 'Enroll a new fingerprint: place the finger on the sensor as asked'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and not __fish_seen_subcommand_from info list enroll rename delete help" -f -a "rename" -d 'Rename an enrolled fingerprint'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and not __fish_seen_subcommand_from info list enroll rename delete help" -f -a "delete" -d 'Delete an enrolled fingerprint'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and not __fish_seen_subcommand_from info list enroll rename delete help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from info" -s d -l device -d 'Key to work on: /dev/hidrawN or hid:PATH, \'hid\' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key' -r -f -a '(__fish_fidoctl_devices)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from info" -l format -d 'Output format: text for people, json or csv for scripts' -r -f -a "text\t''
json\t''
csv\t''"
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from info" -l timeout -d 'Seconds to wait for a touch on the key (at most 86400, one day)' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from info" -l journal -d 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from info" -l token-dir -d 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from info" -l json -d 'Shorthand for --format json'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from info" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from info" -l pin-stdin -d 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from info" -s v -l verbose -d 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from info" -l no-journal -d 'Do not record changes made to keys'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from info" -l journal-required -d 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from info" -l journal-syslog -d 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from info" -s h -l help -d 'Print help'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from info" -s V -l version -d 'Print version'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from list" -s d -l device -d 'Key to work on: /dev/hidrawN or hid:PATH, \'hid\' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key' -r -f -a '(__fish_fidoctl_devices)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from list" -l format -d 'Output format: text for people, json or csv for scripts' -r -f -a "text\t''
json\t''
csv\t''"
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from list" -l timeout -d 'Seconds to wait for a touch on the key (at most 86400, one day)' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from list" -l journal -d 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from list" -l token-dir -d 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from list" -l json -d 'Shorthand for --format json'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from list" -l pin-stdin -d 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from list" -l no-journal -d 'Do not record changes made to keys'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from list" -l journal-required -d 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from list" -l journal-syslog -d 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from enroll" -l name -d 'A name for the fingerprint' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from enroll" -s d -l device -d 'Key to work on: /dev/hidrawN or hid:PATH, \'hid\' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key' -r -f -a '(__fish_fidoctl_devices)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from enroll" -l format -d 'Output format: text for people, json or csv for scripts' -r -f -a "text\t''
json\t''
csv\t''"
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from enroll" -l timeout -d 'Seconds to wait for a touch on the key (at most 86400, one day)' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from enroll" -l journal -d 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from enroll" -l token-dir -d 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from enroll" -l json -d 'Shorthand for --format json'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from enroll" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from enroll" -l pin-stdin -d 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from enroll" -s v -l verbose -d 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from enroll" -l no-journal -d 'Do not record changes made to keys'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from enroll" -l journal-required -d 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from enroll" -l journal-syslog -d 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from enroll" -s h -l help -d 'Print help'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from enroll" -s V -l version -d 'Print version'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from rename" -s d -l device -d 'Key to work on: /dev/hidrawN or hid:PATH, \'hid\' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key' -r -f -a '(__fish_fidoctl_devices)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from rename" -l format -d 'Output format: text for people, json or csv for scripts' -r -f -a "text\t''
json\t''
csv\t''"
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from rename" -l timeout -d 'Seconds to wait for a touch on the key (at most 86400, one day)' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from rename" -l journal -d 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from rename" -l token-dir -d 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from rename" -l json -d 'Shorthand for --format json'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from rename" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from rename" -l pin-stdin -d 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from rename" -s v -l verbose -d 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from rename" -l no-journal -d 'Do not record changes made to keys'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from rename" -l journal-required -d 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from rename" -l journal-syslog -d 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from rename" -s h -l help -d 'Print help'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from rename" -s V -l version -d 'Print version'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from delete" -s d -l device -d 'Key to work on: /dev/hidrawN or hid:PATH, \'hid\' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key' -r -f -a '(__fish_fidoctl_devices)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from delete" -l format -d 'Output format: text for people, json or csv for scripts' -r -f -a "text\t''
json\t''
csv\t''"
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from delete" -l timeout -d 'Seconds to wait for a touch on the key (at most 86400, one day)' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from delete" -l journal -d 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from delete" -l token-dir -d 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from delete" -l json -d 'Shorthand for --format json'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from delete" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from delete" -l pin-stdin -d 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from delete" -s v -l verbose -d 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from delete" -l no-journal -d 'Do not record changes made to keys'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from delete" -l journal-required -d 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from delete" -l journal-syslog -d 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from delete" -s V -l version -d 'Print version'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from help" -f -a "info" -d 'Show the fingerprint sensor\'s details'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the enrolled fingerprints (id and name)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from help" -f -a "enroll" -d 'Enroll a new fingerprint: place the finger on the sensor as asked'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from help" -f -a "rename" -d 'Rename an enrolled fingerprint'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete an enrolled fingerprint'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand bio; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand virtual; and not __fish_seen_subcommand_from create serve replug help" -s d -l device -d 'Key to work on: /dev/hidrawN or hid:PATH, \'hid\' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key' -r -f -a '(__fish_fidoctl_devices)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand virtual; and not __fish_seen_subcommand_from create serve replug help" -l format -d 'Output format: text for people, json or csv for scripts' -r -f -a "text\t''
json\t''
csv\t''"
complete -c fidoctl -n "__fish_fidoctl_using_subcommand virtual; and not __fish_seen_subcommand_from create serve replug help" -l timeout -d 'Seconds to wait for a touch on the key (at most 86400, one day)' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand virtual; and not __fish_seen_subcommand_from create serve replug help" -l journal -d 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand virtual; and not __fish_seen_subcommand_from create serve replug help" -l token-dir -d 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand virtual; and not __fish_seen_subcommand_from create serve replug help" -l json -d 'Shorthand for --format json'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand virtual; and not __fish_seen_subcommand_from create serve replug help" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand virtual; and not __fish_seen_subcommand_from create serve replug help" -l pin-stdin -d 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand virtual; and not __fish_seen_subcommand_from create serve replug help" -s v -l verbose -d 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand virtual; and not __fish_seen_subcommand_from create serve replug help" -l no-journal -d 'Do not record changes made to keys'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand virtual; and not __fish_seen_subcommand_from create serve replug help" -l journal-required -d 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand virtual; and not __fish_seen_subcommand_from create serve replug help" -l journal-syslog -d 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand virtual; and not __fish_seen_subcommand_from create serve replug help" -s h -l help -d 'Print help'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand virtual; and not __fish_seen_subcommand_from create serve replug help" -s V -l version -d 'Print version'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand virtual; and not __fish_seen_subcommand_from create serve replug help" -f -a "create" -d 'Create a virtual key whose state lives in FILE (private keys in the clear: tests only)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand virtual; and not __fish_seen_subcommand_from create serve replug help" -f -a "serve" -d 'Expose a virtual key on a UNIX socket (raw 64-byte CTAPHID reports) until stopped'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand virtual; and not __fish_seen_subcommand_from create serve replug help" -f -a "replug" -d 'Unplug and re-plug a virtual key (power cycle)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand virtual; and not __fish_seen_subcommand_from create serve replug help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand virtual; and __fish_seen_subcommand_from create" -l profile -d 'Which kind of key to behave like' -r -f -a "ctap2.2\t'CTAP 2.2: also the persistent read-only token, encIdentifier and encCredStoreState'
ctap2.1\t'CTAP 2.1 (also answers the 2.1 preview commands, as real 2.1 keys do)'
ctap2.1-pre\t'The 2.1 preview of 2019-2021 keys: PIN protocol 1, credential management preview'
ctap2.0\t'CTAP 2.0 only: PIN protocol 1, no credential management'"
complete -c fidoctl -n "__fish_fidoctl_using_subcommand virtual; and __fish_seen_subcommand_from create" -l aaguid -d 'The AAGUID to report (canonical UUID form)' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand virtual; and __fish_seen_subcommand_from create" -l firmware -d 'The firmware version to report, as MAJOR.MINOR.PATCH or an integer' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand virtual; and __fish_seen_subcommand_from create" -l max-resident -d 'How many discoverable credentials fit on the key' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand virtual; and __fish_seen_subcommand_from create" -s d -l device -d 'Key to work on: /dev/hidrawN or hid:PATH, \'hid\' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key' -r -f -a '(__fish_fidoctl_devices)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand virtual; and __fish_seen_subcommand_from create" -l format -d 'Output format: text for people, json or csv for scripts' -r -f -a "text\t''
json\t''
csv\t''"
complete -c fidoctl -n "__fish_fidoctl_using_subcommand virtual; and __fish_seen_subcommand_from create" -l timeout -d 'Seconds to wait for a touch on the key (at most 86400, one day)' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand virtual; and __fish_seen_subcommand_from create" -l journal -d 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand virtual; and __fish_seen_subcommand_from create" -l token-dir -d 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand virtual; and __fish_seen_subcommand_from create" -l bio -d 'Give the key a simulated fingerprint sensor (bio enrollment, built-in UV)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand virtual; and __fish_seen_subcommand_from create" -l json -d 'Shorthand for --format json'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand virtual; and __fish_seen_subcommand_from create" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand virtual; and __fish_seen_subcommand_from create" -l pin-stdin -d 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand virtual; and __fish_seen_subcommand_from create" -s v -l verbose -d 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand virtual; and __fish_seen_subcommand_from create" -l no-journal -d 'Do not record changes made to keys'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand virtual; and __fish_seen_subcommand_from create" -l journal-required -d 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand virtual; and __fish_seen_subcommand_from create" -l journal-syslog -d 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand virtual; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand virtual; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand virtual; and __fish_seen_subcommand_from serve" -l socket -d 'Where to listen' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand virtual; and __fish_seen_subcommand_from serve" -s d -l device -d 'Key to work on: /dev/hidrawN or hid:PATH, \'hid\' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key' -r -f -a '(__fish_fidoctl_devices)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand virtual; and __fish_seen_subcommand_from serve" -l format -d 'Output format: text for people, json or csv for scripts' -r -f -a "text\t''
json\t''
csv\t''"
complete -c fidoctl -n "__fish_fidoctl_using_subcommand virtual; and __fish_seen_subcommand_from serve" -l timeout -d 'Seconds to wait for a touch on the key (at most 86400, one day)' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand virtual; and __fish_seen_subcommand_from serve" -l journal -d 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand virtual; and __fish_seen_subcommand_from serve" -l token-dir -d 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand virtual; and __fish_seen_subcommand_from serve" -l json -d 'Shorthand for --format json'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand virtual; and __fish_seen_subcommand_from serve" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand virtual; and __fish_seen_subcommand_from serve" -l pin-stdin -d 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand virtual; and __fish_seen_subcommand_from serve" -s v -l verbose -d 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand virtual; and __fish_seen_subcommand_from serve" -l no-journal -d 'Do not record changes made to keys'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand virtual; and __fish_seen_subcommand_from serve" -l journal-required -d 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand virtual; and __fish_seen_subcommand_from serve" -l journal-syslog -d 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand virtual; and __fish_seen_subcommand_from serve" -s h -l help -d 'Print help'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand virtual; and __fish_seen_subcommand_from serve" -s V -l version -d 'Print version'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand virtual; and __fish_seen_subcommand_from replug" -s d -l device -d 'Key to work on: /dev/hidrawN or hid:PATH, \'hid\' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key' -r -f -a '(__fish_fidoctl_devices)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand virtual; and __fish_seen_subcommand_from replug" -l format -d 'Output format: text for people, json or csv for scripts' -r -f -a "text\t''
json\t''
csv\t''"
complete -c fidoctl -n "__fish_fidoctl_using_subcommand virtual; and __fish_seen_subcommand_from replug" -l timeout -d 'Seconds to wait for a touch on the key (at most 86400, one day)' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand virtual; and __fish_seen_subcommand_from replug" -l journal -d 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand virtual; and __fish_seen_subcommand_from replug" -l token-dir -d 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand virtual; and __fish_seen_subcommand_from replug" -l json -d 'Shorthand for --format json'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand virtual; and __fish_seen_subcommand_from replug" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand virtual; and __fish_seen_subcommand_from replug" -l pin-stdin -d 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand virtual; and __fish_seen_subcommand_from replug" -s v -l verbose -d 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand virtual; and __fish_seen_subcommand_from replug" -l no-journal -d 'Do not record changes made to keys'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand virtual; and __fish_seen_subcommand_from replug" -l journal-required -d 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand virtual; and __fish_seen_subcommand_from replug" -l journal-syslog -d 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand virtual; and __fish_seen_subcommand_from replug" -s h -l help -d 'Print help'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand virtual; and __fish_seen_subcommand_from replug" -s V -l version -d 'Print version'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand virtual; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a virtual key whose state lives in FILE (private keys in the clear: tests only)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand virtual; and __fish_seen_subcommand_from help" -f -a "serve" -d 'Expose a virtual key on a UNIX socket (raw 64-byte CTAPHID reports) until stopped'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand virtual; and __fish_seen_subcommand_from help" -f -a "replug" -d 'Unplug and re-plug a virtual key (power cycle)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand virtual; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand completions" -s d -l device -d 'Key to work on: /dev/hidrawN or hid:PATH, \'hid\' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key' -r -f -a '(__fish_fidoctl_devices)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand completions" -l format -d 'Output format: text for people, json or csv for scripts' -r -f -a "text\t''
json\t''
csv\t''"
complete -c fidoctl -n "__fish_fidoctl_using_subcommand completions" -l timeout -d 'Seconds to wait for a touch on the key (at most 86400, one day)' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand completions" -l journal -d 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand completions" -l token-dir -d 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand completions" -l json -d 'Shorthand for --format json'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand completions" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand completions" -l pin-stdin -d 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand completions" -s v -l verbose -d 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand completions" -l no-journal -d 'Do not record changes made to keys'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand completions" -l journal-required -d 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand completions" -l journal-syslog -d 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand completions" -s h -l help -d 'Print help'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand completions" -s V -l version -d 'Print version'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand man" -s d -l device -d 'Key to work on: /dev/hidrawN or hid:PATH, \'hid\' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key' -r -f -a '(__fish_fidoctl_devices)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand man" -l format -d 'Output format: text for people, json or csv for scripts' -r -f -a "text\t''
json\t''
csv\t''"
complete -c fidoctl -n "__fish_fidoctl_using_subcommand man" -l timeout -d 'Seconds to wait for a touch on the key (at most 86400, one day)' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand man" -l journal -d 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand man" -l token-dir -d 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand man" -l json -d 'Shorthand for --format json'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand man" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand man" -l pin-stdin -d 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand man" -s v -l verbose -d 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand man" -l no-journal -d 'Do not record changes made to keys'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand man" -l journal-required -d 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand man" -l journal-syslog -d 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand man" -s h -l help -d 'Print help'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand man" -s V -l version -d 'Print version'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and not __fish_seen_subcommand_from list get set delete clear help" -s d -l device -d 'Key to work on: /dev/hidrawN or hid:PATH, \'hid\' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key' -r -f -a '(__fish_fidoctl_devices)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and not __fish_seen_subcommand_from list get set delete clear help" -l format -d 'Output format: text for people, json or csv for scripts' -r -f -a "text\t''
json\t''
csv\t''"
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and not __fish_seen_subcommand_from list get set delete clear help" -l timeout -d 'Seconds to wait for a touch on the key (at most 86400, one day)' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and not __fish_seen_subcommand_from list get set delete clear help" -l journal -d 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and not __fish_seen_subcommand_from list get set delete clear help" -l token-dir -d 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and not __fish_seen_subcommand_from list get set delete clear help" -l json -d 'Shorthand for --format json'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and not __fish_seen_subcommand_from list get set delete clear help" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and not __fish_seen_subcommand_from list get set delete clear help" -l pin-stdin -d 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and not __fish_seen_subcommand_from list get set delete clear help" -s v -l verbose -d 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and not __fish_seen_subcommand_from list get set delete clear help" -l no-journal -d 'Do not record changes made to keys'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and not __fish_seen_subcommand_from list get set delete clear help" -l journal-required -d 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and not __fish_seen_subcommand_from list get set delete clear help" -l journal-syslog -d 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and not __fish_seen_subcommand_from list get set delete clear help" -s h -l help -d 'Print help'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and not __fish_seen_subcommand_from list get set delete clear help" -s V -l version -d 'Print version'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and not __fish_seen_subcommand_from list get set delete clear help" -f -a "list" -d 'List the large blobs: which credential each belongs to, and orphans (needs the PIN)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and not __fish_seen_subcommand_from list get set delete clear help" -f -a "get" -d 'Write a credential\'s large blob to a file (or to standard output when it is not a terminal)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and not __fish_seen_subcommand_from list get set delete clear help" -f -a "set" -d 'Store a file as a credential\'s large blob, replacing what it had'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and not __fish_seen_subcommand_from list get set delete clear help" -f -a "delete" -d 'Delete a credential\'s large blob (the others stay)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and not __fish_seen_subcommand_from list get set delete clear help" -f -a "clear" -d 'Remove the orphaned blobs (no credential on the key owns them), or everything'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and not __fish_seen_subcommand_from list get set delete clear help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from list" -s d -l device -d 'Key to work on: /dev/hidrawN or hid:PATH, \'hid\' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key' -r -f -a '(__fish_fidoctl_devices)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from list" -l format -d 'Output format: text for people, json or csv for scripts' -r -f -a "text\t''
json\t''
csv\t''"
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from list" -l timeout -d 'Seconds to wait for a touch on the key (at most 86400, one day)' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from list" -l journal -d 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from list" -l token-dir -d 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from list" -l json -d 'Shorthand for --format json'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from list" -l pin-stdin -d 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from list" -l no-journal -d 'Do not record changes made to keys'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from list" -l journal-required -d 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from list" -l journal-syslog -d 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from get" -l cred -d 'The credential id (base64url as `fidoctl creds list` prints it, hex:… or b64:…)' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from get" -s o -l output -d 'Where to write the bytes; `-` is standard output (never a terminal)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from get" -s d -l device -d 'Key to work on: /dev/hidrawN or hid:PATH, \'hid\' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key' -r -f -a '(__fish_fidoctl_devices)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from get" -l format -d 'Output format: text for people, json or csv for scripts' -r -f -a "text\t''
json\t''
csv\t''"
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from get" -l timeout -d 'Seconds to wait for a touch on the key (at most 86400, one day)' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from get" -l journal -d 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from get" -l token-dir -d 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from get" -l json -d 'Shorthand for --format json'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from get" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from get" -l pin-stdin -d 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from get" -s v -l verbose -d 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from get" -l no-journal -d 'Do not record changes made to keys'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from get" -l journal-required -d 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from get" -l journal-syslog -d 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from get" -s V -l version -d 'Print version'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from set" -l cred -d 'The credential id (base64url as `fidoctl creds list` prints it, hex:… or b64:…)' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from set" -s d -l device -d 'Key to work on: /dev/hidrawN or hid:PATH, \'hid\' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key' -r -f -a '(__fish_fidoctl_devices)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from set" -l format -d 'Output format: text for people, json or csv for scripts' -r -f -a "text\t''
json\t''
csv\t''"
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from set" -l timeout -d 'Seconds to wait for a touch on the key (at most 86400, one day)' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from set" -l journal -d 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from set" -l token-dir -d 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from set" -l json -d 'Shorthand for --format json'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from set" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from set" -l pin-stdin -d 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from set" -s v -l verbose -d 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from set" -l no-journal -d 'Do not record changes made to keys'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from set" -l journal-required -d 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from set" -l journal-syslog -d 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from set" -s V -l version -d 'Print version'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from delete" -l cred -d 'The credential id (base64url as `fidoctl creds list` prints it, hex:… or b64:…)' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from delete" -s d -l device -d 'Key to work on: /dev/hidrawN or hid:PATH, \'hid\' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key' -r -f -a '(__fish_fidoctl_devices)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from delete" -l format -d 'Output format: text for people, json or csv for scripts' -r -f -a "text\t''
json\t''
csv\t''"
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from delete" -l timeout -d 'Seconds to wait for a touch on the key (at most 86400, one day)' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from delete" -l journal -d 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from delete" -l token-dir -d 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from delete" -l json -d 'Shorthand for --format json'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from delete" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from delete" -l pin-stdin -d 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from delete" -s v -l verbose -d 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from delete" -l no-journal -d 'Do not record changes made to keys'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from delete" -l journal-required -d 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from delete" -l journal-syslog -d 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from delete" -s V -l version -d 'Print version'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from clear" -s d -l device -d 'Key to work on: /dev/hidrawN or hid:PATH, \'hid\' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key' -r -f -a '(__fish_fidoctl_devices)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from clear" -l format -d 'Output format: text for people, json or csv for scripts' -r -f -a "text\t''
json\t''
csv\t''"
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from clear" -l timeout -d 'Seconds to wait for a touch on the key (at most 86400, one day)' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from clear" -l journal -d 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from clear" -l token-dir -d 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from clear" -l orphans -d 'Remove only the blobs no credential on the key owns'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from clear" -l all -d 'Remove every blob; also the only way to replace damaged large-blob storage'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from clear" -l json -d 'Shorthand for --format json'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from clear" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from clear" -l pin-stdin -d 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from clear" -s v -l verbose -d 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from clear" -l no-journal -d 'Do not record changes made to keys'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from clear" -l journal-required -d 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from clear" -l journal-syslog -d 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from clear" -s h -l help -d 'Print help'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from clear" -s V -l version -d 'Print version'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the large blobs: which credential each belongs to, and orphans (needs the PIN)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from help" -f -a "get" -d 'Write a credential\'s large blob to a file (or to standard output when it is not a terminal)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from help" -f -a "set" -d 'Store a file as a credential\'s large blob, replacing what it had'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete a credential\'s large blob (the others stay)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from help" -f -a "clear" -d 'Remove the orphaned blobs (no credential on the key owns them), or everything'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand blobs; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand token; and not __fish_seen_subcommand_from create list forget help" -s d -l device -d 'Key to work on: /dev/hidrawN or hid:PATH, \'hid\' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key' -r -f -a '(__fish_fidoctl_devices)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand token; and not __fish_seen_subcommand_from create list forget help" -l format -d 'Output format: text for people, json or csv for scripts' -r -f -a "text\t''
json\t''
csv\t''"
complete -c fidoctl -n "__fish_fidoctl_using_subcommand token; and not __fish_seen_subcommand_from create list forget help" -l timeout -d 'Seconds to wait for a touch on the key (at most 86400, one day)' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand token; and not __fish_seen_subcommand_from create list forget help" -l journal -d 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand token; and not __fish_seen_subcommand_from create list forget help" -l token-dir -d 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand token; and not __fish_seen_subcommand_from create list forget help" -l json -d 'Shorthand for --format json'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand token; and not __fish_seen_subcommand_from create list forget help" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand token; and not __fish_seen_subcommand_from create list forget help" -l pin-stdin -d 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand token; and not __fish_seen_subcommand_from create list forget help" -s v -l verbose -d 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand token; and not __fish_seen_subcommand_from create list forget help" -l no-journal -d 'Do not record changes made to keys'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand token; and not __fish_seen_subcommand_from create list forget help" -l journal-required -d 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand token; and not __fish_seen_subcommand_from create list forget help" -l journal-syslog -d 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand token; and not __fish_seen_subcommand_from create list forget help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand token; and not __fish_seen_subcommand_from create list forget help" -s V -l version -d 'Print version'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand token; and not __fish_seen_subcommand_from create list forget help" -f -a "create" -d 'Get a persistent read-only token with the PIN and store it (mode 0600) for this key'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand token; and not __fish_seen_subcommand_from create list forget help" -f -a "list" -d 'The tokens in the token folder: which key each is for, and when it was made'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand token; and not __fish_seen_subcommand_from create list forget help" -f -a "forget" -d 'Delete stored tokens: the selected key\'s, or those of the identifier given'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand token; and not __fish_seen_subcommand_from create list forget help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand token; and __fish_seen_subcommand_from create" -s o -l output -d 'Write the token to this file instead of the token folder' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand token; and __fish_seen_subcommand_from create" -s d -l device -d 'Key to work on: /dev/hidrawN or hid:PATH, \'hid\' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key' -r -f -a '(__fish_fidoctl_devices)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand token; and __fish_seen_subcommand_from create" -l format -d 'Output format: text for people, json or csv for scripts' -r -f -a "text\t''
json\t''
csv\t''"
complete -c fidoctl -n "__fish_fidoctl_using_subcommand token; and __fish_seen_subcommand_from create" -l timeout -d 'Seconds to wait for a touch on the key (at most 86400, one day)' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand token; and __fish_seen_subcommand_from create" -l journal -d 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand token; and __fish_seen_subcommand_from create" -l token-dir -d 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand token; and __fish_seen_subcommand_from create" -l read-only -d 'A read-only token (the only kind: CTAP 2.2 permission pcmr)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand token; and __fish_seen_subcommand_from create" -l json -d 'Shorthand for --format json'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand token; and __fish_seen_subcommand_from create" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand token; and __fish_seen_subcommand_from create" -l pin-stdin -d 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand token; and __fish_seen_subcommand_from create" -s v -l verbose -d 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand token; and __fish_seen_subcommand_from create" -l no-journal -d 'Do not record changes made to keys'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand token; and __fish_seen_subcommand_from create" -l journal-required -d 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand token; and __fish_seen_subcommand_from create" -l journal-syslog -d 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand token; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand token; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand token; and __fish_seen_subcommand_from list" -s d -l device -d 'Key to work on: /dev/hidrawN or hid:PATH, \'hid\' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key' -r -f -a '(__fish_fidoctl_devices)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand token; and __fish_seen_subcommand_from list" -l format -d 'Output format: text for people, json or csv for scripts' -r -f -a "text\t''
json\t''
csv\t''"
complete -c fidoctl -n "__fish_fidoctl_using_subcommand token; and __fish_seen_subcommand_from list" -l timeout -d 'Seconds to wait for a touch on the key (at most 86400, one day)' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand token; and __fish_seen_subcommand_from list" -l journal -d 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand token; and __fish_seen_subcommand_from list" -l token-dir -d 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand token; and __fish_seen_subcommand_from list" -l json -d 'Shorthand for --format json'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand token; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand token; and __fish_seen_subcommand_from list" -l pin-stdin -d 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand token; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand token; and __fish_seen_subcommand_from list" -l no-journal -d 'Do not record changes made to keys'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand token; and __fish_seen_subcommand_from list" -l journal-required -d 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand token; and __fish_seen_subcommand_from list" -l journal-syslog -d 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand token; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand token; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand token; and __fish_seen_subcommand_from forget" -s d -l device -d 'Key to work on: /dev/hidrawN or hid:PATH, \'hid\' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key' -r -f -a '(__fish_fidoctl_devices)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand token; and __fish_seen_subcommand_from forget" -l format -d 'Output format: text for people, json or csv for scripts' -r -f -a "text\t''
json\t''
csv\t''"
complete -c fidoctl -n "__fish_fidoctl_using_subcommand token; and __fish_seen_subcommand_from forget" -l timeout -d 'Seconds to wait for a touch on the key (at most 86400, one day)' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand token; and __fish_seen_subcommand_from forget" -l journal -d 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand token; and __fish_seen_subcommand_from forget" -l token-dir -d 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand token; and __fish_seen_subcommand_from forget" -l json -d 'Shorthand for --format json'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand token; and __fish_seen_subcommand_from forget" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand token; and __fish_seen_subcommand_from forget" -l pin-stdin -d 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand token; and __fish_seen_subcommand_from forget" -s v -l verbose -d 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand token; and __fish_seen_subcommand_from forget" -l no-journal -d 'Do not record changes made to keys'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand token; and __fish_seen_subcommand_from forget" -l journal-required -d 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand token; and __fish_seen_subcommand_from forget" -l journal-syslog -d 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand token; and __fish_seen_subcommand_from forget" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand token; and __fish_seen_subcommand_from forget" -s V -l version -d 'Print version'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "create" -d 'Get a persistent read-only token with the PIN and store it (mode 0600) for this key'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "list" -d 'The tokens in the token folder: which key each is for, and when it was made'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "forget" -d 'Delete stored tokens: the selected key\'s, or those of the identifier given'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand enroll" -l policy -d 'The policy (TOML): the audit rules and the [enroll] table' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand enroll" -l for -d 'Whom the key is for (kept in the enrolment record and the journal)' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand enroll" -l mds -d 'The FIDO Metadata Service BLOB (a JWT), verified before use' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand enroll" -l mds-root -d 'Trust this root (PEM or DER) for --mds instead of the pinned GlobalSign roots' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand enroll" -s d -l device -d 'Key to work on: /dev/hidrawN or hid:PATH, \'hid\' (every HID key), unix:PATH or virtual:PATH. Repeatable; without it, FIDOCTL_DEVICE (comma-separated), else every HID key' -r -f -a '(__fish_fidoctl_devices)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand enroll" -l format -d 'Output format: text for people, json or csv for scripts' -r -f -a "text\t''
json\t''
csv\t''"
complete -c fidoctl -n "__fish_fidoctl_using_subcommand enroll" -l timeout -d 'Seconds to wait for a touch on the key (at most 86400, one day)' -r
complete -c fidoctl -n "__fish_fidoctl_using_subcommand enroll" -l journal -d 'The journal of changes made to keys (else FIDOCTL_JOURNAL, else $XDG_STATE_HOME/fidoctl/journal.jsonl)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand enroll" -l token-dir -d 'Where stored read-only tokens are kept and looked for (else FIDOCTL_TOKEN_DIR, else $XDG_STATE_HOME/fidoctl/tokens)' -r -F
complete -c fidoctl -n "__fish_fidoctl_using_subcommand enroll" -l attest -d 'Check the key is genuine first: one throwaway registration (one touch)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand enroll" -l dry-run -d 'Show the plan (each step: will do, already so, not supported) and write nothing'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand enroll" -l json -d 'Shorthand for --format json'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand enroll" -s y -l yes -d 'Answer yes to confirmations (for scripts)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand enroll" -l pin-stdin -d 'Read PINs from standard input, one per line (see `fidoctl pin --help`)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand enroll" -s v -l verbose -d 'More diagnostics on stderr; -vv adds CTAPHID traffic (PIN material redacted)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand enroll" -l no-journal -d 'Do not record changes made to keys'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand enroll" -l journal-required -d 'Refuse to change a key unless the journal can record it (checked before the key is touched)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand enroll" -l journal-syslog -d 'Also send each journal record to syslog (facility authpriv), as FIDOCTL_JOURNAL_SYSLOG=1 does'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand enroll" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand enroll" -s V -l version -d 'Print version'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand help; and not __fish_seen_subcommand_from list info wink select pin creds ssh config reset test make-credential get-assertion audit journal bio virtual completions man blobs token enroll help" -f -a "list" -d 'List every security key: path, VID:PID, product, AAGUID, model, CTAP versions'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand help; and not __fish_seen_subcommand_from list info wink select pin creds ssh config reset test make-credential get-assertion audit journal bio virtual completions man blobs token enroll help" -f -a "info" -d 'Show what a key is: decoded getInfo, PIN state, retries'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand help; and not __fish_seen_subcommand_from list info wink select pin creds ssh config reset test make-credential get-assertion audit journal bio virtual completions man blobs token enroll help" -f -a "wink" -d 'Blink the key so you can find it on the desk'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand help; and not __fish_seen_subcommand_from list info wink select pin creds ssh config reset test make-credential get-assertion audit journal bio virtual completions man blobs token enroll help" -f -a "select" -d 'Ask you to touch the key you mean, and print its path'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand help; and not __fish_seen_subcommand_from list info wink select pin creds ssh config reset test make-credential get-assertion audit journal bio virtual completions man blobs token enroll help" -f -a "pin" -d 'Set, change and verify the key\'s PIN'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand help; and not __fish_seen_subcommand_from list info wink select pin creds ssh config reset test make-credential get-assertion audit journal bio virtual completions man blobs token enroll help" -f -a "creds" -d 'List, delete and update the discoverable credentials on a key (needs the PIN)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand help; and not __fish_seen_subcommand_from list info wink select pin creds ssh config reset test make-credential get-assertion audit journal bio virtual completions man blobs token enroll help" -f -a "ssh" -d 'SSH keys on the key (OpenSSH\'s resident `ssh:` credentials): list them, export their files'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand help; and not __fish_seen_subcommand_from list info wink select pin creds ssh config reset test make-credential get-assertion audit journal bio virtual completions man blobs token enroll help" -f -a "config" -d 'Change the key\'s settings: always-UV (on or off again) and enterprise attestation (only a factory reset turns it off)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand help; and not __fish_seen_subcommand_from list info wink select pin creds ssh config reset test make-credential get-assertion audit journal bio virtual completions man blobs token enroll help" -f -a "reset" -d 'Factory-reset a key: erases every credential, the PIN and all settings (guided)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand help; and not __fish_seen_subcommand_from list info wink select pin creds ssh config reset test make-credential get-assertion audit journal bio virtual completions man blobs token enroll help" -f -a "test" -d 'Health check: register a throwaway credential, sign in, verify attestation and signature, clean up'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand help; and not __fish_seen_subcommand_from list info wink select pin creds ssh config reset test make-credential get-assertion audit journal bio virtual completions man blobs token enroll help" -f -a "make-credential" -d 'Expert: register a credential and print everything about it (JSON with --json)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand help; and not __fish_seen_subcommand_from list info wink select pin creds ssh config reset test make-credential get-assertion audit journal bio virtual completions man blobs token enroll help" -f -a "get-assertion" -d 'Expert: sign in and print the assertion(s) (JSON with --json)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand help; and not __fish_seen_subcommand_from list info wink select pin creds ssh config reset test make-credential get-assertion audit journal bio virtual completions man blobs token enroll help" -f -a "audit" -d 'Audit every selected key against a policy (no PIN needed): inventory, verdicts, exit codes for scripts'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand help; and not __fish_seen_subcommand_from list info wink select pin creds ssh config reset test make-credential get-assertion audit journal bio virtual completions man blobs token enroll help" -f -a "journal" -d 'What fidoctl changed on keys, and when (the journal); `journal verify` checks its hash chain'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand help; and not __fish_seen_subcommand_from list info wink select pin creds ssh config reset test make-credential get-assertion audit journal bio virtual completions man blobs token enroll help" -f -a "bio" -d 'Manage the fingerprints on a key with a sensor'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand help; and not __fish_seen_subcommand_from list info wink select pin creds ssh config reset test make-credential get-assertion audit journal bio virtual completions man blobs token enroll help" -f -a "virtual" -d 'Create, serve and re-plug virtual keys (software authenticators for tests and training)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand help; and not __fish_seen_subcommand_from list info wink select pin creds ssh config reset test make-credential get-assertion audit journal bio virtual completions man blobs token enroll help" -f -a "completions" -d 'Print a shell completion script'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand help; and not __fish_seen_subcommand_from list info wink select pin creds ssh config reset test make-credential get-assertion audit journal bio virtual completions man blobs token enroll help" -f -a "man" -d 'Write the man pages into a folder'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand help; and not __fish_seen_subcommand_from list info wink select pin creds ssh config reset test make-credential get-assertion audit journal bio virtual completions man blobs token enroll help" -f -a "blobs" -d 'Large blobs: per-credential data stored on the key (for example SSH certificates)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand help; and not __fish_seen_subcommand_from list info wink select pin creds ssh config reset test make-credential get-assertion audit journal bio virtual completions man blobs token enroll help" -f -a "token" -d 'CTAP 2.2 persistent read-only tokens: `creds list` and `audit` without a PIN'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand help; and not __fish_seen_subcommand_from list info wink select pin creds ssh config reset test make-credential get-assertion audit journal bio virtual completions man blobs token enroll help" -f -a "enroll" -d 'Enrol one key to a policy: audit it, apply the policy\'s [enroll] settings, re-audit, record'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand help; and not __fish_seen_subcommand_from list info wink select pin creds ssh config reset test make-credential get-assertion audit journal bio virtual completions man blobs token enroll help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand help; and __fish_seen_subcommand_from pin" -f -a "set" -d 'Set the PIN of a key that has none'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand help; and __fish_seen_subcommand_from pin" -f -a "change" -d 'Change the PIN (the current PIN is needed)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand help; and __fish_seen_subcommand_from pin" -f -a "verify" -d 'Check a PIN without changing anything (a wrong PIN uses up an attempt)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand help; and __fish_seen_subcommand_from pin" -f -a "min-length" -d 'Raise the minimum PIN length (only a reset lowers it again)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand help; and __fish_seen_subcommand_from pin" -f -a "force-change" -d 'Require the PIN to be changed before its next use'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand help; and __fish_seen_subcommand_from creds" -f -a "list" -d 'Every discoverable credential, grouped by relying party, with slots used and left'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand help; and __fish_seen_subcommand_from creds" -f -a "delete" -d 'Delete exactly one credential; shows its RP and user and asks first'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand help; and __fish_seen_subcommand_from creds" -f -a "update" -d 'Change the user name and/or display name stored with a credential'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand help; and __fish_seen_subcommand_from ssh" -f -a "list" -d 'The resident SSH keys: application, user, fingerprint and public key line (needs the PIN)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand help; and __fish_seen_subcommand_from ssh" -f -a "export" -d 'Write the key-handle file and .pub that `ssh-keygen -K` writes, for each resident SSH key'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "always-uv" -d 'Require user verification (PIN) for every use of the key (on), or no longer (off)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "enterprise-attestation" -d 'Allow enterprise attestation (identifies the individual key to sites your organisation lists)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand help; and __fish_seen_subcommand_from journal" -f -a "verify" -d 'Check the journal\'s hash chain: exit 1 and the first record edited, removed or reordered'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand help; and __fish_seen_subcommand_from bio" -f -a "info" -d 'Show the fingerprint sensor\'s details'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand help; and __fish_seen_subcommand_from bio" -f -a "list" -d 'List the enrolled fingerprints (id and name)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand help; and __fish_seen_subcommand_from bio" -f -a "enroll" -d 'Enroll a new fingerprint: place the finger on the sensor as asked'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand help; and __fish_seen_subcommand_from bio" -f -a "rename" -d 'Rename an enrolled fingerprint'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand help; and __fish_seen_subcommand_from bio" -f -a "delete" -d 'Delete an enrolled fingerprint'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand help; and __fish_seen_subcommand_from virtual" -f -a "create" -d 'Create a virtual key whose state lives in FILE (private keys in the clear: tests only)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand help; and __fish_seen_subcommand_from virtual" -f -a "serve" -d 'Expose a virtual key on a UNIX socket (raw 64-byte CTAPHID reports) until stopped'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand help; and __fish_seen_subcommand_from virtual" -f -a "replug" -d 'Unplug and re-plug a virtual key (power cycle)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand help; and __fish_seen_subcommand_from blobs" -f -a "list" -d 'List the large blobs: which credential each belongs to, and orphans (needs the PIN)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand help; and __fish_seen_subcommand_from blobs" -f -a "get" -d 'Write a credential\'s large blob to a file (or to standard output when it is not a terminal)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand help; and __fish_seen_subcommand_from blobs" -f -a "set" -d 'Store a file as a credential\'s large blob, replacing what it had'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand help; and __fish_seen_subcommand_from blobs" -f -a "delete" -d 'Delete a credential\'s large blob (the others stay)'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand help; and __fish_seen_subcommand_from blobs" -f -a "clear" -d 'Remove the orphaned blobs (no credential on the key owns them), or everything'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand help; and __fish_seen_subcommand_from token" -f -a "create" -d 'Get a persistent read-only token with the PIN and store it (mode 0600) for this key'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand help; and __fish_seen_subcommand_from token" -f -a "list" -d 'The tokens in the token folder: which key each is for, and when it was made'
complete -c fidoctl -n "__fish_fidoctl_using_subcommand help; and __fish_seen_subcommand_from token" -f -a "forget" -d 'Delete stored tokens: the selected key\'s, or those of the identifier given'
