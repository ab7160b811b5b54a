#!/usr/bin/python3
"""Create, load and describe torrents with libtorrent, printing one JSON object.

Run with /usr/bin/python3 (Debian's python3-libtorrent). Subcommands:
  create <content-path> <out.torrent> --mode v1|v2|hybrid --piece-length N
         [--tracker URL ...] [--web-seed URL] [--private] [--comment TEXT]
  load <file.torrent>
  magnet <file.torrent>
  recheck <file.torrent> <save-path> [--timeout SECONDS]
"""

import argparse
import json
import os
import sys
import time

import libtorrent as lt

MODE_FLAGS = {
    'v1': lt.create_torrent.v1_only,
    'v2': lt.create_torrent.v2_only,
    'hybrid': 0,
}


def describe(ti):
    hashes = ti.info_hashes()
    files = ti.files()
    name = ti.name()
    multi_file_prefix = name + '/'
    entries = []
    for i in range(files.num_files()):
        path = files.file_path(i)
        # file_path() includes the torrent name for multi-file torrents; a single-file
        # torrent's only path is the name itself.
        if path.startswith(multi_file_prefix):
            path = path[len(multi_file_prefix):]
        entries.append({
            'path': path,
            'length': files.file_size(i),
            'padding': bool(files.file_flags(i) & lt.file_storage.flag_pad_file),
        })
    return {
        'ok': True,
        # A missing hash is reported as all zeros, so ask has_v1()/has_v2() first.
        'infoHash': str(hashes.v1) if hashes.has_v1() else None,
        'infoHashV2': str(hashes.v2) if hashes.has_v2() else None,
        'name': name,
        'numPieces': ti.num_pieces(),
        'pieceLength': ti.piece_length(),
        'totalSize': ti.total_size(),
        'files': entries,
        'private': ti.priv(),
        # Tiers in file order; libtorrent shuffles the URLs within each tier when it loads (BEP 12).
        'trackers': [{'url': tracker.url, 'tier': tracker.tier} for tracker in ti.trackers()],
        'webSeeds': [seed['url'] for seed in ti.web_seeds()],
    }


def load(path):
    try:
        return describe(lt.torrent_info(path))
    except RuntimeError as error:
        return {'ok': False, 'error': str(error)}


def create(args):
    content = os.path.abspath(args.content)
    storage = lt.file_storage()
    lt.add_files(storage, content)
    torrent = lt.create_torrent(storage, args.piece_length, MODE_FLAGS[args.mode])
    # libtorrent silently replaces some invalid sizes (1000 becomes 16384 for v2).
    if torrent.piece_length() != args.piece_length:
        raise RuntimeError('libtorrent chose piece length %d instead of %d'
                           % (torrent.piece_length(), args.piece_length))
    for tier, url in enumerate(args.tracker):
        torrent.add_tracker(url, tier)
    if args.web_seed:
        torrent.add_url_seed(args.web_seed)
    if args.private:
        torrent.set_priv(True)
    if args.comment is not None:
        torrent.set_comment(args.comment)
    torrent.set_creator('')
    lt.set_piece_hashes(torrent, os.path.dirname(content))
    metainfo = torrent.generate()
    # generate() always stamps the current time; drop it so output is reproducible.
    metainfo.pop(b'creation date', None)
    with open(args.out, 'wb') as out:
        out.write(lt.bencode(metainfo))
    return load(args.out)


def magnet(path):
    try:
        return {'ok': True, 'magnet': lt.make_magnet_uri(lt.torrent_info(path))}
    except RuntimeError as error:
        return {'ok': False, 'error': str(error)}


# A session that cannot reach the network: no DHT, local discovery or port mapping, and it listens
# on loopback only. Only the alert categories a recheck reports through are enabled.
OFFLINE_SETTINGS = {
    'enable_dht': False,
    'enable_lsd': False,
    'enable_upnp': False,
    'enable_natpmp': False,
    'dht_bootstrap_nodes': '',
    'listen_interfaces': '127.0.0.1:0',
    'outgoing_interfaces': '127.0.0.1',
    'alert_mask': (lt.alert.category_t.error_notification
                   | lt.alert.category_t.status_notification
                   | lt.alert.category_t.storage_notification),
}

# Trackers and web seeds are dropped (override_* with empty lists), and stop_when_ready pauses the
# torrent as soon as checking ends. It must not be added paused: libtorrent does not check a paused
# torrent. Not auto-managed, so no queue can delay the check.
RECHECK_FLAGS = (lt.torrent_flags.override_trackers | lt.torrent_flags.override_web_seeds
                 | lt.torrent_flags.disable_dht | lt.torrent_flags.disable_lsd
                 | lt.torrent_flags.disable_pex | lt.torrent_flags.stop_when_ready)


def recheck(path, save_path, timeout):
    """Checks the data under save_path against the torrent: how many pieces libtorrent has after."""
    session = lt.session(OFFLINE_SETTINGS)
    params = lt.add_torrent_params()
    params.save_path = os.path.abspath(save_path)
    params.trackers = []
    params.url_seeds = []
    params.flags = RECHECK_FLAGS
    started = time.monotonic()
    try:
        info = lt.torrent_info(path)
        params.ti = info
        # Piece layers are checked here, not when torrent_info loads (e.g. "a piece layer is invalid").
        handle = session.add_torrent(params)
    except RuntimeError as error:
        return {'ok': False, 'error': str(error)}
    errors = []
    checked = False
    while not checked and time.monotonic() - started < timeout:
        session.wait_for_alert(200)
        for alert in session.pop_alerts():
            if isinstance(alert, (lt.torrent_error_alert, lt.file_error_alert)):
                errors.append(alert.message().strip())
            elif isinstance(alert, lt.torrent_checked_alert):
                checked = True
    status = handle.status()
    if status.errc.value() != 0 and status.errc.message() not in ' '.join(errors):
        errors.append(status.errc.message())
    if not checked:
        return {'ok': False, 'error': 'checking did not finish within %g s (state %s)' % (timeout, status.state)}
    pieces = list(status.pieces)
    return {
        'ok': True,
        'numPieces': info.num_pieces(),
        'havePieces': sum(1 for have in pieces if have),
        'missingPieces': [index for index, have in enumerate(pieces) if not have],
        'state': str(status.state),
        'errors': errors,
        'seconds': round(time.monotonic() - started, 3),
    }


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest='command', required=True)

    make = commands.add_parser('create')
    make.add_argument('content')
    make.add_argument('out')
    make.add_argument('--mode', choices=sorted(MODE_FLAGS), required=True)
    make.add_argument('--piece-length', type=int, required=True)
    make.add_argument('--tracker', action='append', default=[])
    make.add_argument('--web-seed')
    make.add_argument('--private', action='store_true')
    make.add_argument('--comment')

    for name in ('load', 'magnet'):
        commands.add_parser(name).add_argument('torrent')

    check = commands.add_parser('recheck')
    check.add_argument('torrent')
    check.add_argument('save_path')
    check.add_argument('--timeout', type=float, default=60.0)
    return parser.parse_args(argv)


def main(argv):
    args = parse_args(argv)
    if args.command == 'create':
        try:
            result = create(args)
        except (RuntimeError, OSError) as error:
            result = {'ok': False, 'error': str(error)}
    elif args.command == 'load':
        result = load(args.torrent)
    elif args.command == 'recheck':
        result = recheck(args.torrent, args.save_path, args.timeout)
    else:
        result = magnet(args.torrent)
    # ASCII-only JSON so a non-UTF-8 locale cannot break printing emoji names.
    json.dump(result, sys.stdout)
    sys.stdout.write('\n')
    return 0 if result['ok'] or args.command != 'create' else 1


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
