#!/usr/bin/env python3
"""Generates the benchmark corpus of docs/performance.md for CampaignPress and the same pages for Hugo.

usage: make-corpus.py OUT_DIR [--news 8000] [--exposures 2000]
Writes OUT_DIR/campaign/{Content,Theme} and OUT_DIR/hugo/ (config, content, layouts). Deterministic.
"""
import argparse
import os
import random
import shutil
import pathlib

PARAGRAPHS = [
    "各责任单位对照测评体系逐项查漏补缺，建立问题台账，实行挂账销号管理，确保每一个点位都有人管、有人抓。",
    "志愿者在公交站点、十字路口开展文明交通劝导，引导市民自觉排队候车、礼让斑马线，共同营造有序的出行环境。",
    "城管部门集中整治占道经营、乱摆摊点等“七乱”问题，对背街小巷、城乡结合部开展拉网式清理。",
    "宣传部门充分利用户外大屏、公交车载屏和楼宇电视，刊播社会主义核心价值观和讲文明树新风公益广告。",
    "督查室实行一日一汇总制度，对发现的问题即知即改，对一般问题限时整改、按时复查、及时销号。",
]


def body(rng, n):
    parts = []
    for i in range(n):
        if i % 3 == 1:
            parts.append(f"## 第{i}部分\n")
        parts.append(rng.choice(PARAGRAPHS) * rng.randint(2, 5) + "\n")
        if i % 4 == 2:
            parts.append("| 单位 | 任务 | 时限 |\n| --- | --- | --- |\n| 市城管委 | 清理整治 | 12月20日 |\n| 市交通委 | 站点规范 | 12月25日 |\n")
    return "\n".join(parts)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--news", type=int, default=8000)
    ap.add_argument("--exposures", type=int, default=2000)
    args = ap.parse_args()
    out = pathlib.Path(args.out)
    repo = pathlib.Path(__file__).resolve().parents[2]
    shutil.rmtree(out, ignore_errors=True)
    cp = out / "campaign"
    hugo = out / "hugo"
    (cp / "Content/news").mkdir(parents=True)
    (cp / "Content/exposures").mkdir(parents=True)
    shutil.copy(repo / "Content/site.yml", cp / "Content/site.yml")
    shutil.copytree(repo / "Theme", cp / "Theme")
    (hugo / "content/news").mkdir(parents=True)
    (hugo / "content/exposures").mkdir(parents=True)
    rng = random.Random(2016)
    tags = ["测评迎检", "宣传动员", "责任落实", "督查督办", "环境整治", "文明交通", "志愿服务", "核心价值观"]
    for i in range(args.news):
        day = 1 + i % 28
        month = 1 + (i // 28) % 11
        date = f"2026-{month:02d}-{day:02d} {8 + i % 10:02d}:{i % 60:02d}"
        title = f"创建动态第{i}号：" + rng.choice(PARAGRAPHS)[:18]
        t = rng.sample(tags, 2)
        text = body(rng, rng.randint(4, 12))
        (cp / f"Content/news/2026-{month:02d}-{day:02d}-post-{i}.md").write_text(
            f"---\ntitle: \"{title}\"\ndate: {date}\ntags: [{', '.join(t)}]\nsource: 兰州文明城市创建网\n---\n{text}",
            encoding="utf-8")
        (hugo / f"content/news/post-{i}.md").write_text(
            f"---\ntitle: \"{title}\"\ndate: {date.replace(' ', 'T')}:00+08:00\ntags: [{', '.join(t)}]\n---\n{text}",
            encoding="utf-8")
    districts = ["城关区", "七里河区", "西固区", "安宁区", "红古区"]
    categories = ["乱停乱放", "乱摆摊点", "乱扔乱倒", "乱贴乱画"]
    units = ["市城管委", "市交通委", "城关区政府", "市公安局交警支队"]
    statuses = ["open", "rectifying", "closed"]
    for i in range(args.exposures):
        bundle = cp / f"Content/exposures/bg-2026-{i:05d}"
        bundle.mkdir()
        status = statuses[i % 3]
        extra = ""
        if status == "closed":
            extra = ("rectification: {date: 2026-11-10, note: 已整改到位, photos: []}\n"
                     "verification: {by: 市文明办, at: 2026-11-12}\nclosed: 2026-11-13\n")
        text = body(rng, rng.randint(2, 5))
        title = f"曝光第{i}号：{rng.choice(districts)}{rng.choice(categories)}问题"
        (bundle / "index.md").write_text(
            f"---\nid: BG-2026-{i:05d}\ntitle: {title}\nfound: 2026-11-0{1 + i % 9}\n"
            f"district: {rng.choice(districts)}\nlocation: 某路口\ncategory: {rng.choice(categories)}\n"
            f"unit: {rng.choice(units)}\nsource: 督查\nlimit_days: 7\nstatus: {status}\nphotos: []\n{extra}---\n{text}",
            encoding="utf-8")
        (hugo / f"content/exposures/bg-2026-{i:05d}.md").write_text(
            f"---\ntitle: \"{title}\"\ndate: 2026-11-0{1 + i % 9}T00:00:00+08:00\n---\n{text}", encoding="utf-8")
    (hugo / "hugo.toml").write_text(
        'baseURL = "https://wmcj.lanzhou.example.gov.cn/"\nlanguageCode = "zh-CN"\ntitle = "兰州文明城市创建网"\n'
        'disableKinds = []\n[pagination]\n  pagerSize = 20\n', encoding="utf-8")
    layouts = hugo / "layouts/_default"
    layouts.mkdir(parents=True)
    (layouts / "baseof.html").write_text(
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{{ .Title }}</title>'
        '<meta name="SiteName" content="{{ site.Title }}"></head><body><nav><a href="/">首页</a></nav>'
        '<main>{{ block "main" . }}{{ end }}</main><footer>陇ICP备17000123号-1</footer></body></html>\n',
        encoding="utf-8")
    (layouts / "single.html").write_text(
        '{{ define "main" }}<h1>{{ .Title }}</h1><time>{{ .Date.Format "2006-01-02 15:04" }}</time>'
        '{{ range .Params.tags }}<a href="/tags/{{ . | urlize }}/">{{ . }}</a>{{ end }}{{ .Content }}{{ end }}\n',
        encoding="utf-8")
    (layouts / "list.html").write_text(
        '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">'
        '{{ .Title }}</a> {{ .Summary }}</li>{{ end }}</ul>{{ end }}\n', encoding="utf-8")
    (layouts / "index.html").write_text(
        '{{ define "main" }}<ul>{{ range first 8 (where site.RegularPages "Section" "news") }}<li>'
        '<a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n', encoding="utf-8")
    print(f"corpus: {args.news} news, {args.exposures} exposures in {out}")


if __name__ == "__main__":
    main()
