//! The `heard` binary: parses configuration, then hands over to the library crates.

use std::io::IsTerminal;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};
use heard_core::Username;
use heard_store::{
    InstanceKey, Role, SessionPolicy, Store, StoreConfig, ThrottlePolicy, Timestamp,
};
use heard_web::{Clock, WebConfig};

/// Heard helps people with cancer, and those who support them, prepare for consultations,
/// follow them up in writing and raise concerns through the right channel in time.
///
/// With no command, Heard serves the web app. Every option can also be set with the
/// environment variable shown beside it.
#[derive(Parser, Debug)]
#[command(name = "heard", version, about, long_about)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,

    /// Address and port to serve on.
    #[arg(
        long,
        env = "HEARD_ADDR",
        default_value = "127.0.0.1:8080",
        global = true
    )]
    addr: SocketAddr,

    /// Folder for the SQLite database and the instance key file. Created if missing.
    #[arg(
        long,
        env = "HEARD_DATA_DIR",
        default_value = "heard-data",
        global = true
    )]
    data_dir: PathBuf,

    /// Database URL: sqlite://PATH or postgres://USER@HOST/DB. Also read from DATABASE_URL.
    /// Default: SQLite at DATA_DIR/heard.db.
    #[arg(long, env = "HEARD_DATABASE_URL", global = true)]
    database_url: Option<String>,

    /// The instance key file, which unlocks every user's data. Default: DATA_DIR/instance.key,
    /// created with mode 0600 on first run. Back it up: without it, stored records cannot be
    /// read.
    #[arg(long, env = "HEARD_INSTANCE_KEY_FILE", global = true)]
    instance_key_file: Option<PathBuf>,

    /// Database connections in the pool (0: SQLite 4, PostgreSQL 16).
    #[arg(
        long,
        env = "HEARD_DB_MAX_CONNECTIONS",
        default_value_t = 0,
        global = true
    )]
    db_max_connections: u32,

    /// Mark cookies Secure (with the __Host- prefix) and send HSTS. Use when served over HTTPS.
    #[arg(long, env = "HEARD_SECURE_COOKIES", global = true)]
    secure_cookies: bool,

    /// With --secure-cookies, add includeSubDomains to HSTS: only when every name under this
    /// one is served over HTTPS too.
    #[arg(long, env = "HEARD_HSTS_INCLUDE_SUBDOMAINS", global = true)]
    hsts_include_subdomains: bool,

    /// Take the client address from the last X-Forwarded-For entry. Only behind a proxy you run.
    #[arg(long, env = "HEARD_TRUST_PROXY_HEADERS", global = true)]
    trust_proxy_headers: bool,

    /// The address people reach Heard at, such as https://heard.example.org. Absolute links
    /// Heard shows (a calendar feed's address) start with it. Without it, they are shown only
    /// when Heard is reached on a loopback address (localhost, 127.0.0.1).
    #[arg(long, env = "HEARD_PUBLIC_URL", global = true)]
    public_url: Option<heard_web::PublicUrl>,

    /// Accounts one client address may create (or try to) in an hour (at least 1).
    #[arg(
        long,
        env = "HEARD_REGISTRATIONS_PER_HOUR",
        default_value_t = 20,
        value_parser = clap::value_parser!(u32).range(1..),
        global = true
    )]
    registrations_per_hour: u32,

    /// How many password hashes may run at once (each uses 19 MiB for a moment).
    #[arg(
        long,
        env = "HEARD_MAX_CONCURRENT_HASHES",
        default_value_t = 4,
        global = true
    )]
    max_concurrent_hashes: usize,

    /// A folder of content files that replace the built-in ones of the same path (a guidance
    /// page, a letter template, a pathway), or add to them. Checked when Heard starts.
    #[arg(long, env = "HEARD_CONTENT_DIR", global = true)]
    content_dir: Option<PathBuf>,

    /// Log filter, in tracing's EnvFilter syntax.
    #[arg(
        long,
        env = "HEARD_LOG",
        default_value = "info,sqlx=warn",
        global = true
    )]
    log: String,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Serve the web app (what Heard does with no command).
    Serve,
    /// Apply database migrations, then exit.
    Migrate,
    /// Manage accounts.
    User {
        #[command(subcommand)]
        action: UserAction,
    },
    /// Load local organisations (PALS, complaints teams, advocacy, Healthwatch) from a CSV file,
    /// replacing those imported before. All or nothing: if any row is wrong, every problem is
    /// listed with its line number and nothing changes. Columns: name, kind, nation, area,
    /// phone, email, website, address, last_checked.
    ImportDirectory {
        /// The CSV file.
        file: PathBuf,
    },
    /// Check the content folder before it is built in: sources and review dates present and not
    /// overdue, links that lead somewhere, glossary terms that exist, plain English (a reading
    /// ease of at least 60), letter templates, question topics, pathways and the directory.
    /// Prints each problem as FILE:LINE: MESSAGE and fails if there is any.
    CheckContent {
        /// A content folder to check on its own (such as the source tree's `content`). Without
        /// it, the built-in content is checked, with --content-dir laid over it as it is served.
        dir: Option<PathBuf>,
    },
}

#[derive(Subcommand, Debug)]
enum UserAction {
    /// Make an account an operator (moderates shared experiences).
    Promote { username: String },
    /// Make an operator an ordinary member again.
    Demote { username: String },
}

// A faster allocator: a page opens many small records on one thread and frees them on another.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> Result<()> {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_new(&cli.log)
                .context("--log is not a valid filter")?,
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .init();

    // Checking content needs no database.
    if let Some(Command::CheckContent { dir }) = &cli.command {
        let files = match dir {
            Some(dir) => heard_web::read_content_dir(dir)
                .with_context(|| format!("could not read {}", dir.display()))?,
            None => heard_web::content_for_checking(cli.content_dir.as_deref())
                .context("could not read the content folder")?,
        };
        return check_content(&files);
    }
    let store = open_store(&cli).await?;
    match &cli.command {
        Some(Command::CheckContent { .. }) => Ok(()),
        None | Some(Command::Serve) => serve(&cli, store).await,
        Some(Command::Migrate) => {
            // Opening the store applied them.
            println!("Migrations applied.");
            store.close().await;
            Ok(())
        }
        Some(Command::ImportDirectory { file }) => {
            let text = std::fs::read_to_string(file)
                .with_context(|| format!("could not read {}", file.display()))?;
            let organisations = match heard_core::directory::parse_directory(&text) {
                Ok(o) => o,
                Err(problems) => {
                    store.close().await;
                    for p in &problems {
                        eprintln!("{}: line {}: {}", file.display(), p.line, p.message);
                    }
                    bail!(
                        "nothing was imported: {} {} to fix",
                        problems.len(),
                        if problems.len() == 1 {
                            "problem"
                        } else {
                            "problems"
                        }
                    );
                }
            };
            store
                .replace_directory(&organisations, Timestamp::now())
                .await?;
            store.close().await;
            println!("Imported {} organisations.", organisations.len());
            Ok(())
        }
        Some(Command::User { action }) => {
            let (name, role) = match action {
                UserAction::Promote { username } => (username, Role::Operator),
                UserAction::Demote { username } => (username, Role::Member),
            };
            let username = Username::parse(name)
                .map_err(|_| anyhow::anyhow!("{name:?} is not a valid username"))?;
            let found = store.set_role(&username, role).await?;
            store.close().await;
            if !found {
                bail!("there is no account called {username}");
            }
            println!(
                "{username} is now {}.",
                if role == Role::Operator {
                    "an operator"
                } else {
                    "a member"
                }
            );
            Ok(())
        }
    }
}

fn check_content(files: &[(String, String)]) -> Result<()> {
    let borrowed: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let today = heard_core::time::in_london(Timestamp::now()).date();
    let linkable = heard_web::linkable_paths();
    let problems = heard_core::content_check::check_content(&borrowed, today, &linkable);
    for p in &problems {
        println!("{p}");
    }
    if problems.is_empty() {
        println!("{} content files checked: no problems.", files.len());
        Ok(())
    } else {
        bail!("{} content problems", problems.len())
    }
}

async fn open_store(cli: &Cli) -> Result<Store> {
    let database_url = cli
        .database_url
        .clone()
        .or_else(|| std::env::var("DATABASE_URL").ok().filter(|u| !u.is_empty()));
    if database_url.is_none() || cli.instance_key_file.is_none() {
        create_private_dir(&cli.data_dir)
            .with_context(|| format!("cannot create the data folder {}", cli.data_dir.display()))?;
    }
    let database_url = database_url.unwrap_or_else(|| sqlite_url(&cli.data_dir));
    let key_path = cli
        .instance_key_file
        .clone()
        .unwrap_or_else(|| cli.data_dir.join("instance.key"));
    let instance_key = InstanceKey::load_or_create(&key_path)?;
    let config = StoreConfig {
        database_url,
        max_connections: cli.db_max_connections,
        instance_key,
        max_concurrent_hashes: cli.max_concurrent_hashes,
        sessions: SessionPolicy::default(),
        throttle: ThrottlePolicy {
            registrations_per_client: cli.registrations_per_hour,
            ..ThrottlePolicy::default()
        },
    };
    Store::open(config, Timestamp::now())
        .await
        .with_context(|| {
            format!(
                "cannot open the database (instance key: {})",
                key_path.display()
            )
        })
}

/// The data folder holds the database and the key: only its owner may look inside. Made with
/// mode 0700, or tightened to it (and said in the log) if it was looser.
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    if dir.is_dir() {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir)?.permissions().mode() & 0o777;
            if mode & 0o077 != 0 {
                std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
                tracing::info!(
                    folder = %dir.display(),
                    was = format!("{mode:o}"),
                    "data folder made private to its owner (0700)"
                );
            }
        }
        return Ok(());
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

fn sqlite_url(data_dir: &Path) -> String {
    format!("sqlite://{}?mode=rwc", data_dir.join("heard.db").display())
}

async fn serve(cli: &Cli, store: Store) -> Result<()> {
    let config = WebConfig {
        addr: cli.addr,
        secure_cookies: cli.secure_cookies,
        hsts_include_subdomains: cli.hsts_include_subdomains,
        trust_proxy_headers: cli.trust_proxy_headers,
        public_url: cli.public_url.clone(),
        content_dir: cli.content_dir.clone(),
        ..WebConfig::default()
    };
    let engine = store.engine();
    let app = heard_web::build(config, store, Clock::System).await?;
    let addr = app.local_addr()?;
    tracing::info!(?engine, "Heard is running on http://{addr}");
    app.run_until_stopped(shutdown_signal()).await?;
    tracing::info!("Heard stopped");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
