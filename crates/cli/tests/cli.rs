//! The `heard` binary as an operator meets it: the help documents every setting, a bad database
//! URL is refused clearly, and `migrate` sets up a data folder with a private key file.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests: a panic is a failed test"
)]

use std::process::Command;

fn heard() -> Command {
    Command::new(env!("CARGO_BIN_EXE_heard"))
}

#[test]
fn help_documents_every_setting_with_its_variable() {
    let out = heard().arg("--help").output().unwrap();
    assert!(out.status.success());
    let help = String::from_utf8(out.stdout).unwrap();
    for (flag, var) in [
        ("--addr", "HEARD_ADDR"),
        ("--data-dir", "HEARD_DATA_DIR"),
        ("--database-url", "HEARD_DATABASE_URL"),
        ("--instance-key-file", "HEARD_INSTANCE_KEY_FILE"),
        ("--secure-cookies", "HEARD_SECURE_COOKIES"),
        ("--trust-proxy-headers", "HEARD_TRUST_PROXY_HEADERS"),
        ("--hsts-include-subdomains", "HEARD_HSTS_INCLUDE_SUBDOMAINS"),
        ("--public-url", "HEARD_PUBLIC_URL"),
        ("--registrations-per-hour", "HEARD_REGISTRATIONS_PER_HOUR"),
        ("--max-concurrent-hashes", "HEARD_MAX_CONCURRENT_HASHES"),
        ("--db-max-connections", "HEARD_DB_MAX_CONNECTIONS"),
        ("--content-dir", "HEARD_CONTENT_DIR"),
        ("--log", "HEARD_LOG"),
    ] {
        assert!(help.contains(flag), "{flag} is not in --help");
        assert!(help.contains(var), "{var} is not in --help");
    }
    assert!(help.contains("DATABASE_URL"));
    for command in ["serve", "migrate", "user"] {
        assert!(help.contains(command), "{command} is not in --help");
    }
}

#[test]
fn an_unknown_database_scheme_is_refused_not_silently_created() {
    let dir = std::env::temp_dir().join(format!("heard-cli-{}", std::process::id()));
    let out = heard()
        .args([
            "--data-dir",
            dir.to_str().unwrap(),
            "--database-url",
            "mysql://localhost/heard",
            "migrate",
        ])
        .env_remove("DATABASE_URL")
        .env_remove("HEARD_DATABASE_URL")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("sqlite: or postgres:"), "{err}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn migrate_creates_the_database_and_a_private_key_file() {
    let dir = std::env::temp_dir().join(format!("heard-cli-migrate-{}", std::process::id()));
    let out = heard()
        .args(["--data-dir", dir.to_str().unwrap(), "migrate"])
        .env_remove("DATABASE_URL")
        .env_remove("HEARD_DATABASE_URL")
        .env_remove("HEARD_INSTANCE_KEY_FILE")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(dir.join("heard.db").exists());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.join("instance.key"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
        let dir_mode = std::fs::metadata(&dir).unwrap().permissions().mode();
        assert_eq!(dir_mode & 0o777, 0o700);
    }
    // A different key for the same database is refused with a clear reason.
    let other_key = dir.join("other.key");
    let out = heard()
        .args([
            "--data-dir",
            dir.to_str().unwrap(),
            "--instance-key-file",
            other_key.to_str().unwrap(),
            "migrate",
        ])
        .env_remove("DATABASE_URL")
        .env_remove("HEARD_DATABASE_URL")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("instance key does not match"));
    std::fs::remove_dir_all(dir).unwrap();
}

#[cfg(unix)]
#[test]
fn a_data_folder_others_can_read_is_made_private_and_the_log_says_so() {
    use std::os::unix::fs::PermissionsExt;
    let dir = std::env::temp_dir().join(format!("heard-cli-open-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = heard()
        .args(["--data-dir", dir.to_str().unwrap(), "migrate"])
        .env_remove("DATABASE_URL")
        .env_remove("HEARD_DATABASE_URL")
        .env_remove("HEARD_INSTANCE_KEY_FILE")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mode = std::fs::metadata(&dir).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o700);
    assert!(String::from_utf8_lossy(&out.stderr).contains("data folder made private"));
    let db_mode = std::fs::metadata(dir.join("heard.db"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(db_mode & 0o777, 0o600);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_public_url_that_is_not_just_an_address_is_refused() {
    let out = heard()
        .args([
            "--public-url",
            "https://heard.example.org/some/path",
            "migrate",
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("serves from the root"));
}

#[test]
fn import_directory_is_all_or_nothing_and_reports_each_bad_row() {
    let dir = std::env::temp_dir().join(format!("heard-cli-import-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let run = |file: &std::path::Path| {
        heard()
            .args([
                "--data-dir",
                dir.to_str().unwrap(),
                "import-directory",
                file.to_str().unwrap(),
            ])
            .env_remove("DATABASE_URL")
            .env_remove("HEARD_DATABASE_URL")
            .env_remove("HEARD_INSTANCE_KEY_FILE")
            .output()
            .unwrap()
    };
    let header = "name,kind,nation,area,phone,email,website,address,last_checked\n";
    let good = dir.join("good.csv");
    std::fs::write(
        &good,
        format!(
            "{header}Riverside PALS,pals,england,Riverside,01632 960000,pals@example.nhs.uk,https://example.nhs.uk/pals,\"1 River Road, Riverside\",2026-11-01\n\
             Glen Advocacy,advocacy,scotland,Glen,,,https://glen.example.org,,2026-10-15\n"
        ),
    )
    .unwrap();
    let out = run(&good);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("Imported 2 organisations"));

    // Line 3 has a kind that does not exist, line 4 has no name: both are reported, and the
    // two organisations already imported are still there (a good file replaces them: 1).
    let bad = dir.join("bad.csv");
    std::fs::write(
        &bad,
        format!(
            "{header}Hilltop PALS,pals,england,Hilltop,01632 960001,,,,2026-11-01\n\
             Someone,wizard,england,,,,,,2026-11-01\n\
             ,pals,wales,,,,,,2026-11-01\n"
        ),
    )
    .unwrap();
    let out = run(&bad);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("line 3:"), "{stderr}");
    assert!(stderr.contains("line 4:"), "{stderr}");
    assert!(!stderr.contains("line 2:"), "{stderr}");
    assert!(stderr.contains("nothing was imported"), "{stderr}");

    let one = dir.join("one.csv");
    std::fs::write(
        &one,
        format!("{header}Hilltop PALS,pals,england,Hilltop,01632 960001,,,,2026-11-01\n"),
    )
    .unwrap();
    let out = run(&one);
    assert!(String::from_utf8_lossy(&out.stdout).contains("Imported 1 organisations"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn check_content_passes_on_our_content_and_names_the_line_of_a_problem() {
    let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
    let out = heard()
        .args(["check-content", content.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );

    // A copy with a guide that links to a page that does not exist and a glossary term that
    // is not in the glossary.
    let dir = std::env::temp_dir().join(format!("heard-cli-content-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(&content, &dir);
    let guide = dir.join("guidance/your-rights.md");
    let text = std::fs::read_to_string(&guide).unwrap();
    let broken =
        format!("{text}\nSee [this](/guidance/no-such-page) and [that](glossary:no-such-term).\n");
    std::fs::write(&guide, &broken).unwrap();
    let line = broken.lines().count();
    let out = heard()
        .args(["check-content", dir.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains(&format!("guidance/your-rights.md:{line}:")),
        "{stdout}"
    );
    assert!(stdout.contains("no-such-page"), "{stdout}");
    assert!(stdout.contains("no-such-term"), "{stdout}");

    // The same page as an override of the built-in content: checked as it would be served.
    let overrides = dir.join("overrides");
    std::fs::create_dir_all(overrides.join("guidance")).unwrap();
    std::fs::write(overrides.join("guidance/your-rights.md"), &broken).unwrap();
    let out = heard()
        .args([
            "--content-dir",
            overrides.to_str().unwrap(),
            "check-content",
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("no-such-page"));
    // Without it, the built-in content passes.
    let out = heard()
        .args(["check-content"])
        .env_remove("HEARD_CONTENT_DIR")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}
