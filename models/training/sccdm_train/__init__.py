"""Training and export code for the SCCDM denoiser and the foot keypoint detector.

Everything here runs under Debian's /usr/bin/python3 (torch 1.13, onnx 1.12). ONNX Runtime
is reached through Node (onnxruntime-node), see :mod:`sccdm_train.ort`.
"""

__version__ = "0.1.0"
