"""grade_sensitivity.py: grade cut points, and agreement that falls as the angle error grows."""

import json
import tempfile
import unittest
from pathlib import Path

import helpers  # noqa: F401  (puts models/training on the path)
import grade_sensitivity as gs


class GradeSensitivityTests(unittest.TestCase):
    def test_cut_points_follow_foot_md(self):
        self.assertEqual([gs.grade(a, gs.HVA_CUTS) for a in (14.9, 15.0, 19.9, 20.0, 39.9, 40.0)], [0, 1, 1, 2, 2, 3])
        self.assertEqual([gs.grade(a, gs.IMA_CUTS) for a in (8.9, 9.0, 10.9, 11.0, 15.9, 16.0)], [0, 1, 1, 2, 2, 3])

    def test_agreement_falls_with_error_and_is_exact_without(self):
        angles = [(h, 4.0 + 0.37 * k) for k, h in enumerate(range(0, 50, 1))]
        self.assertEqual(gs.agreement(angles, 0.0, 0.0, draws=2), (1.0, 1.0, 1.0))
        small = gs.agreement(angles, 0.3, 0.2, draws=50)
        large = gs.agreement(angles, 2.0, 1.5, draws=50)
        self.assertGreater(small[0], large[0] + 0.1)
        for both, hva, ima in (small, large):
            self.assertLessEqual(both, min(hva, ima))
        # Far from every cut point, errors of a degree change nothing.
        self.assertEqual(gs.agreement([(30.0, 13.5)], 0.5, 0.5, draws=200)[0], 1.0)

    def test_cli_reads_a_split(self):
        with tempfile.TemporaryDirectory() as td:
            for k, (h, i) in enumerate([(10.0, 6.0), (25.0, 12.0)]):
                d = Path(td) / f"s{k}"
                d.mkdir()
                (d / "keypoints.json").write_text(json.dumps({"angles": {"hva": h, "ima": i}}))
            self.assertEqual(gs.read_angles(Path(td)), [(10.0, 6.0), (25.0, 12.0)])
            self.assertEqual(gs.main(["--data", td, "--hva-mae", "0.5", "--ima-mae", "0.3", "--draws", "5"]), 0)
            with self.assertRaises(SystemExit):
                gs.main(["--data", td])


if __name__ == "__main__":
    unittest.main()
