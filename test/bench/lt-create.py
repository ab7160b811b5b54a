#!/usr/bin/python3
"""The libtorrent contender: create a torrent with default settings, as qBittorrent does.

/usr/bin/python3 lt-create.py <content> <out.torrent> v1|v2|hybrid <piece-length, 0 = libtorrent's auto>
Prints the piece length libtorrent used. set_piece_hashes takes no settings, so libtorrent hashes
on its default single hashing thread.
"""

import os
import sys

import libtorrent as lt

MODES = {'v1': lt.create_torrent.v1_only, 'v2': lt.create_torrent.v2_only, 'hybrid': 0}

content, out, mode, piece_length = sys.argv[1:5]
content = os.path.abspath(content)
storage = lt.file_storage()
lt.add_files(storage, content)
torrent = lt.create_torrent(storage, int(piece_length), MODES[mode])
lt.set_piece_hashes(torrent, os.path.dirname(content))
with open(out, 'wb') as handle:
    handle.write(lt.bencode(torrent.generate()))
print(torrent.piece_length())
