# A private PostgreSQL server for the tests marked `postgres`: sourced by
# .ci/run, or by hand (`source .ci/postgres.sh && start_postgres`), which
# sets KAM_TEST_PG_URL and stops the server when the shell exits.
#
# Installs Debian's postgresql package when initdb/pg_ctl are missing (without
# starting Debian's own cluster), runs the server as an unprivileged user when
# this is root (initdb refuses root), on a free private port, with its socket
# and data in a fresh temporary folder, listening on 127.0.0.1 only. fsync is
# off: the data is thrown away at the end.

_pg_bin() {
    local name=$1 found
    found=$(command -v "$name" 2>/dev/null || true)
    if [ -z "$found" ]; then
        found=$(ls /usr/lib/postgresql/*/bin/"$name" 2>/dev/null | sort -V | tail -n 1 || true)
    fi
    echo "$found"
}

_pg_install() {
    echo "PostgreSQL is not installed: installing Debian's postgresql package" >&2
    # no service start and no default cluster on port 5432 during the install
    local policy=/usr/sbin/policy-rc.d had_policy=0
    [ -e "$policy" ] && had_policy=1
    [ $had_policy = 1 ] || { printf '#!/bin/sh\nexit 101\n' > "$policy"; chmod +x "$policy"; }
    mkdir -p /etc/postgresql-common
    grep -qs '^create_main_cluster' /etc/postgresql-common/createcluster.conf \
        || echo 'create_main_cluster = false' >> /etc/postgresql-common/createcluster.conf
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o Dpkg::Options::=--force-confold postgresql >/dev/null
    [ $had_policy = 1 ] || rm -f "$policy"
}

_pg_as() {
    # run a command as the server's user (ourselves, unless we are root)
    if [ "$(id -u)" != 0 ]; then
        "$@"
    elif command -v runuser >/dev/null; then
        runuser -u "$PG_CI_USER" -- "$@"
    elif command -v setpriv >/dev/null; then
        setpriv --reuid="$PG_CI_USER" --regid="$(id -g "$PG_CI_USER")" --clear-groups -- "$@"
    else
        su -s /bin/sh "$PG_CI_USER" -c "$(printf '%q ' "$@")"
    fi
}

stop_postgres() {
    if [ -n "${PG_CI_DIR:-}" ] && [ -d "$PG_CI_DIR" ]; then
        _pg_as "$PG_CTL" -D "$PG_CI_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
        rm -rf "$PG_CI_DIR"
    fi
    PG_CI_DIR=
}

start_postgres() {
    INITDB=$(_pg_bin initdb)
    PG_CTL=$(_pg_bin pg_ctl)
    if [ -z "$INITDB" ] || [ -z "$PG_CTL" ]; then
        _pg_install
        INITDB=$(_pg_bin initdb)
        PG_CTL=$(_pg_bin pg_ctl)
    fi
    PG_CI_USER=nobody
    id "$PG_CI_USER" >/dev/null 2>&1 || PG_CI_USER=$(id -un)
    PG_CI_DIR=$(mktemp -d /tmp/kam-ci-pg.XXXXXX)
    trap stop_postgres EXIT
    chmod 0755 "$PG_CI_DIR"
    mkdir -p "$PG_CI_DIR/data" "$PG_CI_DIR/socket"
    [ "$(id -u)" != 0 ] || chown "$PG_CI_USER" "$PG_CI_DIR/data" "$PG_CI_DIR/socket"
    local port
    port=$(python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    (cd "$PG_CI_DIR" && _pg_as "$INITDB" -D "$PG_CI_DIR/data" -U kam --auth=trust -E UTF8 --locale=C.UTF-8 \
        >"$PG_CI_DIR/initdb.log" 2>&1) || { cat "$PG_CI_DIR/initdb.log" >&2; return 1; }
    # one user that must give a password, so tests can see a wrong one refused
    { echo "host all kam_password_check 127.0.0.1/32 scram-sha-256"; cat "$PG_CI_DIR/data/pg_hba.conf"; } \
        > "$PG_CI_DIR/hba" && _pg_as cp "$PG_CI_DIR/hba" "$PG_CI_DIR/data/pg_hba.conf"
    (cd "$PG_CI_DIR" && _pg_as "$PG_CTL" -D "$PG_CI_DIR/data" -l "$PG_CI_DIR/socket/server.log" -w -t 60 \
        -o "-p $port -k $PG_CI_DIR/socket -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off" \
        start >/dev/null) || { cat "$PG_CI_DIR/socket/server.log" >&2; return 1; }
    export KAM_TEST_PG_URL="postgresql://kam@127.0.0.1:$port/postgres"
    echo "PostgreSQL $("$PG_CTL" --version | awk '{print $3}') for the tests at $KAM_TEST_PG_URL" >&2
}
