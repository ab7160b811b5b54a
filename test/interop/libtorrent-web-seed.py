#!/usr/bin/python3
"""Download a torrent from its web seeds only, with libtorrent, and print one JSON object.

Run with /usr/bin/python3 (Debian's python3-libtorrent):
  download <file.torrent> <save-path> [--web-seed URL ...] [--timeout SECONDS] [--idle SECONDS]

The session listens on loopback only, with no DHT, local discovery, port mapping, trackers or
peers: the only source is the web seeds (those given, else the torrent's url-list). It stops when
every piece is either downloaded or has failed its hash check, or when nothing has changed for --idle seconds (after a failure libtorrent
stops asking the seed for that file), or at the timeout.
"""

import argparse
import json
import sys
import time

import libtorrent as lt

SETTINGS = {
    'enable_dht': False,
    'enable_lsd': False,
    'enable_upnp': False,
    'enable_natpmp': False,
    'dht_bootstrap_nodes': '',
    'listen_interfaces': '127.0.0.1:0',
    'outgoing_interfaces': '127.0.0.1',
    'alert_mask': (lt.alert.category_t.error_notification
                   | lt.alert.category_t.status_notification
                   | lt.alert.category_t.peer_notification
                   | lt.alert.category_t.storage_notification),
}


def download(args):
    session = lt.session(SETTINGS)
    params = lt.add_torrent_params()
    try:
        params.ti = lt.torrent_info(args.torrent)
    except RuntimeError as error:
        return {'ok': False, 'error': str(error)}
    params.save_path = args.save_path
    params.trackers = []
    flags = (lt.torrent_flags.disable_dht | lt.torrent_flags.disable_lsd | lt.torrent_flags.disable_pex)
    if args.web_seed:
        params.url_seeds = args.web_seed
        flags |= lt.torrent_flags.override_web_seeds
    params.flags = flags
    handle = session.add_torrent(params)
    pieces = params.ti.num_pieces()
    failed = set()
    errors = []
    started = time.monotonic()
    last_change = started
    seen = (0, 0)
    finished = False
    while time.monotonic() - started < args.timeout:
        session.wait_for_alert(100)
        for alert in session.pop_alerts():
            if isinstance(alert, lt.hash_failed_alert):
                failed.add(int(alert.piece_index))
            elif isinstance(alert, (lt.url_seed_alert, lt.torrent_error_alert, lt.file_error_alert)):
                errors.append(alert.message().strip())
        status = handle.status()
        have = sum(1 for has in status.pieces if has)
        if status.is_seeding or have + len(failed) >= pieces:
            finished = True
            break
        # After a hash failure libtorrent stops asking the seed for that file (or for anything,
        # in a torrent of one file): once nothing has changed for a while, it is done.
        if (have, len(failed)) != seen:
            seen = (have, len(failed))
            last_change = time.monotonic()
        elif time.monotonic() - last_change > args.idle:
            break
    status = handle.status()
    have = [i for i, has in enumerate(status.pieces) if has]
    session.remove_torrent(handle)
    return {
        'ok': True,
        'numPieces': pieces,
        'havePieces': have,
        'failedPieces': sorted(failed - set(have)),
        'finished': finished,
        'errors': sorted(set(errors)),
        'seconds': round(time.monotonic() - started, 2),
    }


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest='command', required=True)
    dl = sub.add_parser('download')
    dl.add_argument('torrent')
    dl.add_argument('save_path')
    dl.add_argument('--web-seed', action='append', default=[])
    dl.add_argument('--timeout', type=float, default=60)
    dl.add_argument('--idle', type=float, default=3)
    args = parser.parse_args()
    json.dump(download(args), sys.stdout)
    print()


if __name__ == '__main__':
    main()
