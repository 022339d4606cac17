"""`lint_bytes` is pure and picklable: mapped over a local Dask cluster it gives what it gives in-process."""

from __future__ import annotations

import pytest

from doclint.config import Config
from doclint.lint import lint_bytes

distributed = pytest.importorskip("dask.distributed")

DRAFTS = {
    "摊位.txt": "关于规范夜市摊位经营的通知\n一、违反本通知规定占道经营的，由区城管局处五百元以上二千元以下罚款。\n",
    "民宿.txt": "江川市民宿经营管理办法\n第一条 民宿经营者应当向市文旅局缴纳履约保证金五万元。\n",
    "值班.txt": "关于做好汛期值班工作的通知\n一、各单位应当安排专人值班，保持通讯畅通。\n",
    "坏.docx": "不是 ZIP 包",
}


def test_lint_bytes_maps_over_a_local_dask_cluster() -> None:
    names = list(DRAFTS)
    payloads = [DRAFTS[name].encode("utf-8") for name in names]
    config = Config.model_validate({"ignore": ["PRO"]})
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=40) as cluster, distributed.Client(cluster) as client:
        futures = client.map(lint_bytes, payloads, names, [config] * len(names), pure=True)
        remote = client.gather(futures)
    local = [lint_bytes(data, name, config) for data, name in zip(payloads, names, strict=True)]
    assert [r.model_dump(mode="json") for r in remote] == [r.model_dump(mode="json") for r in local]
    assert remote[names.index("坏.docx")].error
    assert any(f.category == "penalty" for f in remote[names.index("摊位.txt")].findings)
    assert all(not f.rule.startswith("PRO") for r in remote for f in r.findings)  # the config travelled too
