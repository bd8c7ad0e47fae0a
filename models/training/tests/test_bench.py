"""bench.py --shipped: the FLOP counter on a hand-built graph, and the benchmarked sampler module against the
project's torch sampler."""

import tempfile
import unittest
from pathlib import Path

import helpers  # noqa: F401  (import path, threads)
import onnx
import torch
from onnx import TensorProto, helper

import bench
from sccdm_train.diffusion import Schedule, sample
from sccdm_train.unet import UNet, get_config


def _graph_with_known_flops(path: Path) -> int:
    """Conv (dynamic batch, pinned to 1), grouped Conv, batched MatMul and Gemm with transB; returns the FLOPs."""
    rnd = lambda *shape: helper.make_tensor("w" + "x".join(map(str, shape)), TensorProto.FLOAT, shape,  # noqa: E731
                                            [0.0] * int(torch.Size(shape).numel()))
    w1, w2, wg = rnd(4, 3, 3, 3), rnd(4, 2, 3, 3), rnd(5, 4)
    nodes = [
        helper.make_node("Conv", ["x", w1.name], ["y"], pads=[1, 1, 1, 1]),
        helper.make_node("Conv", ["y", w2.name], ["z"], pads=[1, 1, 1, 1], group=2),
        helper.make_node("MatMul", ["a", "b"], ["ab"]),
        helper.make_node("Gemm", ["g", wg.name], ["gw"], transB=1),
    ]
    graph = helper.make_graph(
        nodes, "known",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 3, 8, 8]),
         helper.make_tensor_value_info("a", TensorProto.FLOAT, [2, 5, 6]),
         helper.make_tensor_value_info("b", TensorProto.FLOAT, [6, 7]),
         helper.make_tensor_value_info("g", TensorProto.FLOAT, [3, 4])],
        [helper.make_tensor_value_info("z", TensorProto.FLOAT, None),
         helper.make_tensor_value_info("ab", TensorProto.FLOAT, None),
         helper.make_tensor_value_info("gw", TensorProto.FLOAT, None)],
        initializer=[w1, w2, wg])
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)]), str(path))
    conv = 4 * 8 * 8 * (3 * 3 * 3)
    grouped = 4 * 8 * 8 * (2 * 3 * 3)
    matmul = 2 * 5 * 7 * 6
    gemm = 3 * 5 * 4
    return 2 * (conv + grouped + matmul + gemm)


class BenchTests(unittest.TestCase):
    def test_flop_counter_counts_conv_matmul_and_gemm_from_inferred_shapes(self):
        with tempfile.TemporaryDirectory() as td:
            path = Path(td) / "known.onnx"
            expected = _graph_with_known_flops(path)
            counted = bench.onnx_flops(path)
        self.assertEqual(counted["not_counted"], [])
        self.assertEqual(counted["flops"]["total"], expected)
        self.assertEqual(counted["flops"]["Gemm"], 2 * 3 * 5 * 4)

    def test_candidate_row_times_the_bf16_training_step_beside_float32(self):
        cfg = get_config("kiosk", 64)
        r = bench.bench_one("tiny", cfg, threads=2, runs=2, train_steps=1, bf16=True)
        self.assertGreater(r["train_ms"], 0)
        self.assertGreater(r["train_bf16_ms"], 0)
        self.assertGreater(r["ort_ms"], 0)
        self.assertNotIn("train_bf16_ms", bench.bench_one("tiny", cfg, threads=2, runs=2, train_steps=1))

    def test_benchmarked_sample_is_the_default_sampler(self):
        torch.manual_seed(0)
        net = UNet(get_config("kiosk", image_size=32)).eval()
        with torch.no_grad():
            for p in net.parameters():
                if p.dim() > 1 and float(p.abs().max()) == 0.0:
                    p.normal_(0, 0.05)
        sched = Schedule()
        cond = torch.rand(1, 1, 32, 32, generator=torch.Generator().manual_seed(3)) * 2 - 1
        z = torch.randn(cond.shape, generator=torch.Generator().manual_seed(5))
        with torch.no_grad():
            expected = sample(net, cond, sched, steps=4, generator=torch.Generator().manual_seed(5))
            got = bench._Sample(net, sched, 4, psi=1.0, run=4, compose=True)(z, cond)
        self.assertLess(float((got - expected).abs().max()), 1e-6)


if __name__ == "__main__":
    unittest.main()
