"""Figures for the rule pages whose rules are about shapes, drawn from the real tool.

`generate_docs.py` writes them to `docs/images/rules/` and links them from the pages; its
`--check` fails when one is stale. Each figure lints configs with hplint's own engine — the
points of the HP103 figure are what HP103 says about each (batch, learning rate) — and quotes
the finding a rule gives on the example it shows. Plain SVG, no plotting library: the files are
deterministic, so a change in a rule shows up as a diff.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from hplint.analysis.optimizers import scaled_lr
from hplint.engine import lint
from hplint.settings import Settings

WIDTH, HEIGHT = 640, 400
LEFT, RIGHT, TOP, BOTTOM = 70, 20, 64, 60
RED, GREEN, BLUE, GREY, INK = "#c0392b", "#27ae60", "#2c6fbb", "#999999", "#222222"


@dataclass(frozen=True, slots=True)
class Figure:
    code: str
    name: str  # file name under docs/images/rules/
    alt: str
    caption: str
    svg: str


def figures() -> list[Figure]:
    return [_scaling(), _linear_density(), _exponents()]


# --- drawing ------------------------------------------------------------------------------------


class _Canvas:
    """A plot area with logarithmic or linear axes, written as SVG elements."""

    def __init__(
        self,
        title: str,
        x_range: tuple[float, float],
        y_range: tuple[float, float],
        *,
        x_log: bool = True,
        y_log: bool = True,
    ) -> None:
        self.parts: list[str] = [
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
            f'width="{WIDTH}" height="{HEIGHT}" font-family="sans-serif" font-size="12">',
            f'<rect width="{WIDTH}" height="{HEIGHT}" fill="white"/>',
            f'<text x="{WIDTH / 2:.0f}" y="22" text-anchor="middle" font-size="14" '
            f'fill="{INK}">{_escape(title)}</text>',
        ]
        self.x_range, self.y_range, self.x_log, self.y_log = x_range, y_range, x_log, y_log

    def x(self, value: float) -> float:
        return LEFT + (WIDTH - LEFT - RIGHT) * _fraction(value, self.x_range, log=self.x_log)

    def y(self, value: float) -> float:
        return (
            HEIGHT
            - BOTTOM
            - (HEIGHT - TOP - BOTTOM) * _fraction(value, self.y_range, log=self.y_log)
        )

    def axes(
        self, x_ticks: Sequence[float], y_ticks: Sequence[float], x_label: str, y_label: str
    ) -> None:
        x0, x1 = LEFT, WIDTH - RIGHT
        y0, y1 = HEIGHT - BOTTOM, TOP
        self.parts.append(
            f'<path d="M{x0},{y1} V{y0} H{x1}" fill="none" stroke="{INK}" stroke-width="1"/>'
        )
        for tick in x_ticks:
            at = self.x(tick)
            self.parts.append(
                f'<line x1="{at:.1f}" y1="{y0}" x2="{at:.1f}" y2="{y0 + 5}" stroke="{INK}"/>'
            )
            self.parts.append(
                f'<text x="{at:.1f}" y="{y0 + 18}" text-anchor="middle" '
                f'fill="{INK}">{_number(tick)}</text>'
            )
        for tick in y_ticks:
            at = self.y(tick)
            self.parts.append(
                f'<line x1="{x0 - 5}" y1="{at:.1f}" x2="{x0}" y2="{at:.1f}" stroke="{INK}"/>'
            )
            self.parts.append(
                f'<text x="{x0 - 8}" y="{at + 4:.1f}" text-anchor="end" '
                f'fill="{INK}">{_number(tick)}</text>'
            )
        self.parts.append(
            f'<text x="{(x0 + x1) / 2:.0f}" y="{HEIGHT - 18}" '
            f'text-anchor="middle" fill="{INK}">{_escape(x_label)}</text>'
        )
        self.parts.append(
            f'<text transform="translate(16,{(y0 + y1) / 2:.0f}) rotate(-90)" '
            f'text-anchor="middle" fill="{INK}">{_escape(y_label)}</text>'
        )

    def polyline(self, points: Sequence[tuple[float, float]], colour: str, dash: str = "") -> None:
        path = " ".join(f"{self.x(a):.1f},{self.y(b):.1f}" for a, b in points)
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        self.parts.append(
            f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"{dashed}/>'
        )

    def band(
        self, lower: Sequence[tuple[float, float]], upper: Sequence[tuple[float, float]]
    ) -> None:
        outline = [*lower, *reversed(upper)]
        path = " ".join(f"{self.x(a):.1f},{self.y(b):.1f}" for a, b in outline)
        self.parts.append(f'<polygon points="{path}" fill="{BLUE}" fill-opacity="0.12"/>')

    def dot(self, x: float, y: float, colour: str, hollow: bool = False) -> None:
        fill = "white" if hollow else colour
        self.parts.append(
            f'<circle cx="{self.x(x):.1f}" cy="{self.y(y):.1f}" r="4" '
            f'fill="{fill}" stroke="{colour}" stroke-width="1.5"/>'
        )

    def rect(self, x0: float, x1: float, y0: float, y1: float, colour: str) -> None:
        left, right = sorted((self.x(x0), self.x(x1)))
        top, bottom = sorted((self.y(y1), self.y(y0)))
        self.parts.append(
            f'<rect x="{left:.1f}" y="{top:.1f}" width="{right - left:.1f}" '
            f'height="{bottom - top:.1f}" fill="{colour}" fill-opacity="0.75"/>'
        )

    def text(
        self, x: float, y: float, words: str, colour: str = INK, anchor: str = "start"
    ) -> None:
        self.parts.append(
            f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" '
            f'fill="{colour}">{_escape(words)}</text>'
        )

    def legend(self, entries: Sequence[tuple[str, str]]) -> None:
        """One row under the title, above the plot area (never over the data)."""
        x = LEFT
        for colour, words in entries:
            self.parts.append(f'<rect x="{x}" y="34" width="11" height="11" fill="{colour}"/>')
            self.text(x + 15, 44, words)
            x += 26 + 6 * len(words)

    def svg(self) -> str:
        return "\n".join([*self.parts, "</svg>"]) + "\n"


def _fraction(value: float, bounds: tuple[float, float], *, log: bool) -> float:
    low, high = bounds
    if log:
        return (math.log10(value) - math.log10(low)) / (math.log10(high) - math.log10(low))
    return (value - low) / (high - low)


def _number(value: float) -> str:
    if value == 0:
        return "0"
    if float(value).is_integer() and abs(value) < 1e5:
        return str(int(value))
    if abs(value) >= 1e5 or abs(value) < 0.01:
        mantissa, exponent = f"{value:.0e}".split("e")
        return f"{mantissa}e{int(exponent)}"
    return f"{value:g}"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _finding(text: str, code: str) -> str:
    """The message `code` gives on `text` (the figure's example), from the real engine."""
    result = lint(text, path="example.yaml", settings=Settings(select=(code,)))
    messages = [d.message for d in result.diagnostics if d.code == code]
    if not messages:
        raise SystemExit(f"{code} reports nothing on its figure's example")
    return messages[0]


# --- HP103: where the learning rate must move with the batch ------------------------------------

_BATCHES = (64, 128, 256, 512, 1024, 2048, 4096, 8192)


def _scaling() -> Figure:
    canvas = _Canvas(
        "HP103 on a grid of configs: reference batch 256 at lr 0.1 (SGD)", (48, 11000), (0.008, 5)
    )
    canvas.axes(
        _BATCHES, (0.0125, 0.05, 0.2, 0.8, 3.2), "effective batch size", "learning rate (log)"
    )
    reported = _grid(
        lambda batch, lr: (
            "hplint: 1\ntraining:\n  optimizer: sgd\n  momentum: 0.9\n"
            f"  learning_rate: {lr!r}\n  batch_size: {batch}\n"
            "  scheduler: {warmup_epochs: 5}\n"
            "  reference: {batch_size: 256, learning_rate: 0.1}\n"
        ),
        [0.1 * 2.0**k for k in range(-3, 6)],
    )
    canvas.polyline([(b, scaled_lr(0.1, b / 256, "linear")) for b in (48, 11000)], BLUE)
    for (batch, lr), flagged in reported.items():
        canvas.dot(batch, lr, RED if flagged else GREEN, hollow=not flagged)
    canvas.legend(
        [
            (BLUE, "lr = 0.1 × batch / 256 (linear rule)"),
            (GREEN, "accepted (within 2×)"),
            (RED, "reported by HP103"),
        ]
    )
    sample = _finding(
        "hplint: 1\ntraining:\n  optimizer: sgd\n  learning_rate: 0.1\n  batch_size: 2048\n"
        "  scheduler: {warmup_epochs: 5}\n"
        "  reference: {batch_size: 256, learning_rate: 0.1}\n",
        "HP103",
    )
    return Figure(
        "HP103",
        "HP103-scaling.svg",
        "HP103 findings on a grid of batch sizes and learning rates around the linear rule",
        "Each point is a config linted by hplint: filled points are reported by HP103, hollow "
        f"ones are accepted. At batch 2048 with lr 0.1 it says: “{sample}”",
        canvas.svg(),
    )


def _grid(
    make: Callable[[int, float], str], rates: Sequence[float]
) -> dict[tuple[int, float], bool]:
    found: dict[tuple[int, float], bool] = {}
    settings = Settings(select=("HP103",))
    for batch in _BATCHES:
        for lr in rates:
            result = lint(make(batch, lr), path="grid.yaml", settings=settings)
            found[(batch, lr)] = any(d.code == "HP103" for d in result.diagnostics)
    return found


# --- HP603: a wide range sampled linearly -------------------------------------------------------


def _linear_density() -> Figure:
    low, high = 1e-5, 1e-1
    powers = range(-5, -1)
    decades = [(10.0**k, 10.0 ** (k + 1)) for k in powers]
    canvas = _Canvas(
        "HP603: where the samples of learning_rate in [1e-5, 1e-1] fall, per decade",
        (0.5, 4.5),
        (0, 100),
        x_log=False,
        y_log=False,
    )
    canvas.axes((), (0, 25, 50, 75, 100), "decade of the learning rate", "% of the samples")
    for index, ((start, end), power) in enumerate(zip(decades, powers, strict=True)):
        uniform = 100 * (end - start) / (high - low)
        log_uniform = 100 / len(decades)
        canvas.rect(index + 0.6, index + 1.0, 0, uniform, RED)
        canvas.rect(index + 1.0, index + 1.4, 0, log_uniform, BLUE)
        canvas.text(
            canvas.x(index + 1.0),
            HEIGHT - BOTTOM + 18,
            f"1e{power} – 1e{power + 1}",
            anchor="middle",
        )
        canvas.text(
            canvas.x(index + 0.8), canvas.y(uniform) - 4, f"{uniform:.2f}%", anchor="middle"
        )
    canvas.legend([(RED, "uniform (linear scale)"), (BLUE, "log-uniform")])
    sample = _finding(
        "method: random\nmetric: {name: val_loss, goal: minimize}\nparameters:\n"
        "  learning_rate: {distribution: uniform, min: 1.0e-5, max: 0.1}\n",
        "HP603",
    )
    return Figure(
        "HP603",
        "HP603-density.svg",
        "Share of samples per decade: uniform puts 90% in the top decade, log-uniform 25% each",
        "A uniform draw spends 90% of the trials in the top decade. "
        f"hplint on this W&B sweep: “{sample}”",
        canvas.svg(),
    )


# --- HP605: log-uniform bounds given as values, not exponents -----------------------------------


def _exponents() -> Figure:
    canvas = _Canvas(
        "HP605: W&B log_uniform with min 1e-5, max 0.1 samples exp(U(1e-5, 0.1))",
        (1e-6, 10),
        (0, 3),
        y_log=False,
    )
    canvas.axes((1e-6, 1e-4, 1e-2, 1, 10), (), "learning rate (log)", "")
    intended = (1e-5, 1e-1)
    sampled = (math.exp(1e-5), math.exp(1e-1))
    canvas.rect(intended[0], intended[1], 1.7, 2.3, BLUE)
    canvas.rect(sampled[0], sampled[1], 0.7, 1.3, RED)
    canvas.text(canvas.x(1e-3), canvas.y(2.45), "meant: 1e-5 … 0.1", BLUE, "middle")
    canvas.text(
        canvas.x(1.05),
        canvas.y(1.45),
        f"sampled: {sampled[0]:.5f} … {sampled[1]:.3f}",
        RED,
        "middle",
    )
    sample = _finding(
        "method: random\nmetric: {name: val_loss, goal: minimize}\nparameters:\n"
        "  learning_rate: {distribution: log_uniform, min: 1.0e-5, max: 0.1}\n",
        "HP605",
    )
    return Figure(
        "HP605",
        "HP605-exponents.svg",
        "The intended range 1e-5 to 0.1 against the range W&B samples, 1.00001 to 1.105",
        f"`log_uniform` takes natural-log exponents: every trial gets a learning rate above 1. "
        f"hplint says: “{sample}”",
        canvas.svg(),
    )
