//! What the canvas painters share: a canvas's 2D context, and dash patterns for it.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// The 2D context of `canvas`.
pub fn context(canvas: &HtmlCanvasElement) -> Result<CanvasRenderingContext2d, JsValue> {
    canvas
        .get_context("2d")?
        .ok_or_else(|| JsValue::from_str("no 2d context"))?
        .dyn_into()
        .map_err(JsValue::from)
}

/// A dash pattern for `setLineDash` (empty: solid).
pub fn dash(d: &[f64]) -> JsValue {
    d.iter()
        .map(|&x| JsValue::from_f64(x))
        .collect::<js_sys::Array>()
        .into()
}
