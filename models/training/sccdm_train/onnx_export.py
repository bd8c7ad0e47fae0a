"""ONNX export helpers shared by the denoiser and the detector (opset 17, dynamic batch)."""

from __future__ import annotations

import io
import warnings
from pathlib import Path
from typing import Dict, List, Sequence

import onnx
import torch
from torch import nn

OPSET = 17


def export_onnx(module: nn.Module, args: Sequence[torch.Tensor], path: Path, input_names: List[str],
                output_names: List[str], metadata: Dict[str, str]) -> Path:
    """Trace-export with batch axis N dynamic on every input and output, then add metadata_props."""
    module = module.eval()
    dyn = {n: {0: "N"} for n in [*input_names, *output_names]}
    buf = io.BytesIO()
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # tracer warnings about python floats/shape asserts
        torch.onnx.export(module, tuple(args), buf, opset_version=OPSET, input_names=input_names,
                          output_names=output_names, dynamic_axes=dyn, do_constant_folding=True)
    model = onnx.load_from_string(buf.getvalue())
    # Tracing leaves some output dims symbolic (e.g. after ReduceMean); pin H/W from a torch run so
    # consumers can validate shapes. Only the batch axis stays symbolic ("N").
    with torch.no_grad():
        outs = module(*args)
    outs = outs if isinstance(outs, (tuple, list)) else (outs,)
    for vi, ref in zip(model.graph.output, outs):
        dims = vi.type.tensor_type.shape.dim
        for i, size in enumerate(ref.shape):
            if i == 0:
                dims[i].dim_param = "N"
            else:
                dims[i].dim_value = int(size)
    del model.metadata_props[:]
    for k, v in metadata.items():
        entry = model.metadata_props.add()
        entry.key, entry.value = k, str(v)
    onnx.checker.check_model(model)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    onnx.save(model, str(tmp))
    tmp.replace(path)
    return path


def describe(path: Path) -> Dict:
    """Inputs/outputs (name, elem type name, shape with symbolic dims) and metadata of a model file."""
    m = onnx.load(str(path))

    def vi(v):
        tt = v.type.tensor_type
        dims = [d.dim_param if d.dim_param else d.dim_value for d in tt.shape.dim]
        return {"name": v.name, "dtype": onnx.TensorProto.DataType.Name(tt.elem_type).lower(), "shape": dims}

    return {
        "inputs": [vi(v) for v in m.graph.input],
        "outputs": [vi(v) for v in m.graph.output],
        "metadata": {p.key: p.value for p in m.metadata_props},
        "opset": max(o.version for o in m.opset_import if o.domain in ("", "ai.onnx")),
    }
