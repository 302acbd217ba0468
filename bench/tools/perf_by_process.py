#!/usr/bin/env python3
"""Where each process's CPU went, from a `perf record -a -g` file: per process, the share of its samples by thread
name, by the library the sample was taken in, and by the first frame of ours or of a known library on the stack.

The .NET processes must run with DOTNET_PerfMapEnabled=1 (and DOTNET_EnableWriteXorExecute=0) for perf to name
their JIT-compiled frames. Used for issue 16 (docs/benchmarks.md):

    perf record -F 199 -a -g -o perf.data -- sleep 60          # while bench/Pipeline.Bench loads
    python3 bench/tools/perf_by_process.py perf.data PID[,PID...]
    python3 bench/tools/perf_by_process.py perf.data PID ContentPipeline.   # methods of ours on the stack, inclusive
"""
import collections
import re
import subprocess
import sys

KNOWN = re.compile(r'\[(ContentPipeline[.\w]*|MassTransit[.\w]*|Lucene[.\w]*|Npgsql|RabbitMQ\.Client|System\.Text\.Json'
                   r'|Dapper|Serilog[.\w]*|Microsoft\.AspNetCore[.\w]*)\]')


def samples(data):
    """Yields (pid, thread name, [(symbol, library), ...] leaf first) for every sample."""
    out = subprocess.run(['perf', 'script', '-i', data, '-F', 'pid,tid,comm,ip,sym,dso'],
                         capture_output=True, text=True, check=True).stdout
    head, frames = None, []
    for line in out.splitlines() + ['']:
        if not line.strip():
            if head:
                yield head[0], head[1], frames
            head, frames = None, []
        elif not line[0].isspace():
            m = re.match(r'^(.*?)\s+(\d+)/\d+\s', line)
            head = (m.group(2), m.group(1).strip()) if m else None
        else:
            m = re.match(r'\s+[0-9a-f]+\s+(.*)\s+\((.*)\)$', line)
            if m:
                frames.append((m.group(1), m.group(2)))


def main(data, pids):
    count = collections.Counter()
    threads, libraries, owners = (collections.defaultdict(collections.Counter) for _ in range(3))
    for pid, thread, frames in samples(data):
        if pid not in pids:
            continue
        count[pid] += 1
        threads[pid][thread] += 1
        if frames:
            libraries[pid][frames[0][1].split('/')[-1]] += 1
        owner = next((m.group(1) for sym, _ in frames if (m := KNOWN.search(sym))), 'runtime, kernel or JIT')
        owners[pid][owner] += 1
    for pid in sorted(count, key=count.get, reverse=True):
        n = count[pid]
        print(f'pid {pid}: {n} samples')
        for title, counter in (('threads', threads[pid]), ('library of the sample', libraries[pid]),
                               ('first known frame', owners[pid])):
            print(f'  {title}: ' + ', '.join(f'{k} {v * 100 / n:.0f}%' for k, v in counter.most_common(8)))


def methods(data, pid, prefix):
    """The share of the process's samples with each method whose assembly starts with prefix on the stack."""
    n, inclusive = 0, collections.Counter()
    for sample_pid, _, frames in samples(data):
        if sample_pid != pid:
            continue
        n += 1
        names = {m.group(1) for sym, _ in frames if f'[{prefix}' in sym and (m := re.search(r'([\w.`<>+|]+::[\w.`<>+|]+)\(', sym))}
        inclusive.update(names)
    print(f'pid {pid}: {n} samples; methods of {prefix}* on the stack')
    for name, v in inclusive.most_common(25):
        print(f'  {v * 100 / max(n, 1):5.1f}% {name}')


if __name__ == '__main__':
    if len(sys.argv) == 3:
        main(sys.argv[1], set(sys.argv[2].split(',')))
    elif len(sys.argv) == 4:
        methods(*sys.argv[1:])
    else:
        sys.exit(__doc__)
