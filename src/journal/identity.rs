//! Who and where: the host name and the operating-system account running fidoctl, read from
//! the kernel and the password database (not from environment variables a user can set).

use super::record::User;
use std::os::unix::fs::MetadataExt;

/// The kernel's host name; "unknown" when it cannot be read.
pub fn host_name() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| std::fs::read_to_string("/etc/hostname"))
        .ok()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "unknown".to_string())
}

/// The effective uid of this process (the owner of /proc/self), its name, and for root the
/// account that ran sudo.
pub fn user() -> User {
    let uid = std::fs::metadata("/proc/self").map(|m| m.uid()).unwrap_or(u32::MAX);
    let name = std::fs::read_to_string("/etc/passwd").ok().and_then(|db| name_of(&db, uid));
    let sudo_user = (uid == 0).then(|| std::env::var("SUDO_USER").ok()).flatten().filter(|s| !s.is_empty());
    User { uid, name, sudo_user }
}

/// The first account with `uid` in a passwd(5) file.
fn name_of(passwd: &str, uid: u32) -> Option<String> {
    passwd.lines().find_map(|line| {
        let mut fields = line.split(':');
        let name = fields.next()?;
        let id: u32 = fields.nth(1)?.parse().ok()?;
        (id == uid && !name.is_empty()).then(|| name.to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_come_from_the_password_database() {
        let db = "root:x:0:0:root:/root:/bin/bash\n# comment\nalice:x:1000:1000::/home/alice:/bin/sh\n";
        assert_eq!(name_of(db, 0).as_deref(), Some("root"));
        assert_eq!(name_of(db, 1000).as_deref(), Some("alice"));
        assert_eq!(name_of(db, 1001), None);
    }
}
