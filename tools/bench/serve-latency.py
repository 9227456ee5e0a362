#!/usr/bin/env python3
"""`make bench`: how long `campaign serve` takes from a saved edit to the page on disk.

Starts `campaign serve` on a copy of a project (the sample by default, or the bench corpus), then
edits one news file N times, each time timing from the write until the rebuilt page in the output
folder contains the edit. Prints the median and the 90th percentile, and, with --cold, the ratio
to a cold build of the same project. Everything happens in a temporary folder (on /dev/shm when
there is one); the project itself is never touched.
"""
import argparse, os, pathlib, shutil, signal, socket, statistics, subprocess, sys, tempfile, time

ROOT = pathlib.Path(__file__).resolve().parents[2]
NOW = "2026-11-29T12:00:00+08:00"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--campaign", default=str(ROOT / ".build/release/campaign"))
    parser.add_argument("--project", default=str(ROOT), help="folder with Content/ and Theme/")
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--cold", action="store_true", help="also time a cold build for the ratio")
    parser.add_argument("--label", default="sample")
    args = parser.parse_args()

    base = "/dev/shm" if os.path.isdir("/dev/shm") else None
    work = pathlib.Path(tempfile.mkdtemp(prefix="campaign-serve-bench-", dir=base))
    try:
        for part in ("Content", "Theme"):
            shutil.copytree(pathlib.Path(args.project) / part, work / part)
        news = sorted((work / "Content/news").glob("*.md"))
        if not news:
            sys.exit("no news in the project")
        target = news[len(news) // 2]
        slug = target.stem[11:] if target.stem[:4].isdigit() else target.stem
        text = target.read_text(encoding="utf-8")
        for line in text.splitlines():
            if line.startswith("slug:"):
                slug = line.split(":", 1)[1].strip()
        page = work / "Output/news" / slug / "index.html"

        cold = None
        if args.cold:
            start = time.monotonic()
            subprocess.run([args.campaign, "build", "--now", NOW, "--output", str(work / "cold")], cwd=work,
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            cold = time.monotonic() - start
            shutil.rmtree(work / "cold")

        port = free_port()
        log = open(work / "serve.log", "w")
        server = subprocess.Popen([args.campaign, "serve", "--now", NOW, "--port", str(port)], cwd=work,
                                  stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            deadline = time.monotonic() + 600
            while not page.exists() or "Serving" not in (work / "serve.log").read_text(errors="replace"):
                if server.poll() is not None or time.monotonic() > deadline:
                    sys.exit("campaign serve did not start:\n" + (work / "serve.log").read_text(errors="replace"))
                time.sleep(0.05)
            time.sleep(0.5)
            times = []
            for n in range(args.edits):
                marker = f"基准测试第{n}次编辑"
                start = time.monotonic()
                target.write_text(text + f"\n\n{marker}。\n", encoding="utf-8")
                while True:
                    try:
                        if marker in page.read_text(encoding="utf-8"):
                            break
                    except (FileNotFoundError, UnicodeDecodeError):
                        pass
                    if time.monotonic() - start > 120:
                        sys.exit("the edit never reached the page:\n" + (work / "serve.log").read_text(errors="replace"))
                    time.sleep(0.001)
                times.append(time.monotonic() - start)
                time.sleep(0.3)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait()
        median = statistics.median(times)
        p90 = sorted(times)[int(0.9 * (len(times) - 1))]
        line = f"serve edit→page ({args.label}): median {median * 1000:.0f} ms, p90 {p90 * 1000:.0f} ms over {len(times)} edits"
        if cold:
            line += f"; cold build {cold:.2f} s; median / cold {median / cold:.3f}"
        print(line)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
