//! Export for slides: an SVG on the page becomes a standalone SVG file (every style it
//! needs written onto its elements, so it looks the same outside the page) or a PNG (that
//! SVG drawn onto a canvas), downloaded through an `<a download>`. Also downloads plain text
//! (the scenario being viewed).

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlAnchorElement, HtmlCanvasElement, HtmlImageElement};

/// The width of an exported PNG, in pixels (the height follows the SVG's proportions).
pub const PNG_WIDTH: f64 = 1920.0;

/// The computed styles that decide how an SVG element looks.
const STYLE_PROPS: &[&str] = &[
    "fill",
    "fill-opacity",
    "stroke",
    "stroke-width",
    "stroke-dasharray",
    "stroke-opacity",
    "stroke-linecap",
    "opacity",
    "font-family",
    "font-size",
    "font-weight",
    "font-style",
    "text-anchor",
    "dominant-baseline",
    "text-decoration",
    "visibility",
    "display",
];

fn err(e: JsValue) -> String {
    e.as_string()
        .or_else(|| {
            js_sys::Reflect::get(&e, &"message".into())
                .ok()
                .and_then(|m| m.as_string())
        })
        .unwrap_or_else(|| format!("{e:?}"))
}

fn document() -> Result<web_sys::Document, String> {
    web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| "no document".to_string())
}

/// `getComputedStyle(el).getPropertyValue(prop)` for each of `props`.
fn computed(el: &Element, props: &[&str]) -> Result<Vec<(String, String)>, String> {
    let window: JsValue = web_sys::window().ok_or("no window")?.into();
    let get = js_sys::Reflect::get(&window, &"getComputedStyle".into()).map_err(err)?;
    let get: js_sys::Function = get.dyn_into().map_err(|_| "no getComputedStyle")?;
    let style = get.call1(&window, el).map_err(err)?;
    let value_of = js_sys::Reflect::get(&style, &"getPropertyValue".into()).map_err(err)?;
    let value_of: js_sys::Function = value_of.dyn_into().map_err(|_| "no getPropertyValue")?;
    let mut out = Vec::new();
    for p in props {
        let v = value_of
            .call1(&style, &JsValue::from_str(p))
            .map_err(err)?
            .as_string()
            .unwrap_or_default();
        if !v.is_empty() {
            out.push((p.to_string(), v));
        }
    }
    Ok(out)
}

/// Walks `orig` and its copy `copy` together, writing each original element's computed
/// style onto its copy. Invisible hit areas are removed from the copy.
fn inline_styles(orig: &Element, copy: &Element) -> Result<(), String> {
    let styles = computed(orig, STYLE_PROPS)?;
    let css: Vec<String> = styles.iter().map(|(k, v)| format!("{k}: {v}")).collect();
    copy.set_attribute("style", &css.join("; ")).map_err(err)?;
    let (mut o, mut c) = (orig.first_element_child(), copy.first_element_child());
    while let (Some(oe), Some(ce)) = (o, c) {
        let (on, cn) = (oe.next_element_sibling(), ce.next_element_sibling());
        let tag = oe.tag_name().to_ascii_lowercase();
        let hit = oe
            .get_attribute("class")
            .is_some_and(|c| c.split_whitespace().any(|w| w == "hit"));
        if tag == "style" || hit {
            ce.remove();
        } else {
            inline_styles(&oe, &ce)?;
        }
        o = on;
        c = cn;
    }
    Ok(())
}

/// The viewBox of an SVG element: its top-left corner and size.
fn view_box(svg: &Element) -> (f64, f64, f64, f64) {
    let vb = svg.get_attribute("viewBox").unwrap_or_default();
    let v: Vec<f64> = vb
        .split([' ', ','])
        .filter_map(|s| s.parse().ok())
        .collect();
    if v.len() == 4 && v[2] > 0.0 && v[3] > 0.0 {
        (v[0], v[1], v[2], v[3])
    } else {
        let r = svg.get_bounding_client_rect();
        (0.0, 0.0, r.width().max(1.0), r.height().max(1.0))
    }
}

/// The SVG matched by `selector`, as a standalone SVG document: styles inlined, the SVG
/// namespace declared, a white background, and width/height from its viewBox. Also returns
/// that size.
pub fn standalone_svg(selector: &str) -> Result<(String, f64, f64), String> {
    let doc = document()?;
    let svg = doc
        .query_selector(selector)
        .map_err(err)?
        .ok_or_else(|| format!("nothing matches {selector}"))?;
    let copy: Element = svg
        .clone_node_with_deep(true)
        .map_err(err)?
        .dyn_into()
        .map_err(|_| "not an element".to_string())?;
    inline_styles(&svg, &copy)?;
    // (The viewBox may start above or left of 0: the white page covers all of it.)
    let (x0, y0, w, h) = view_box(&svg);
    copy.set_attribute("xmlns", "http://www.w3.org/2000/svg")
        .map_err(err)?;
    copy.set_attribute("width", &format!("{w}")).map_err(err)?;
    copy.set_attribute("height", &format!("{h}")).map_err(err)?;
    // A white page behind everything, as on a slide.
    let bg = doc
        .create_element_ns(Some("http://www.w3.org/2000/svg"), "rect")
        .map_err(err)?;
    let (x0, y0) = (format!("{x0}"), format!("{y0}"));
    for (k, v) in [
        ("x", x0.as_str()),
        ("y", y0.as_str()),
        ("width", "100%"),
        ("height", "100%"),
        ("fill", "#ffffff"),
    ] {
        bg.set_attribute(k, v).map_err(err)?;
    }
    copy.insert_before(&bg, copy.first_child().as_ref())
        .map_err(err)?;
    let text = web_sys::XmlSerializer::new()
        .map_err(err)?
        .serialize_to_string(&copy)
        .map_err(err)?;
    Ok((
        format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{text}"),
        w,
        h,
    ))
}

/// Starts the download of `href` as `filename`.
fn download_href(href: &str, filename: &str) -> Result<(), String> {
    let doc = document()?;
    let a: HtmlAnchorElement = doc
        .create_element("a")
        .map_err(err)?
        .dyn_into()
        .map_err(|_| "no <a>".to_string())?;
    a.set_href(href);
    a.set_download(filename);
    a.set_attribute("style", "display: none").map_err(err)?;
    let body = doc.body().ok_or("no body")?;
    body.append_child(&a).map_err(err)?;
    a.click();
    a.remove();
    Ok(())
}

fn blob_url(text: &str, mime: &str) -> Result<String, String> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).map_err(err)?;
    web_sys::Url::create_object_url_with_blob(&blob).map_err(err)
}

/// Downloads `text` as a file.
pub fn download_text(filename: &str, mime: &str, text: &str) -> Result<(), String> {
    let url = blob_url(text, mime)?;
    let res = download_href(&url, filename);
    // The download has taken its copy once the click has been handled.
    revoke_later(url);
    res
}

fn revoke_later(url: String) {
    gloo::timers::callback::Timeout::new(10_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
}

/// Downloads the SVG matched by `selector` as a standalone `.svg` file.
pub fn export_svg(selector: &str, filename: &str) -> Result<(), String> {
    let (text, _, _) = standalone_svg(selector)?;
    download_text(filename, "image/svg+xml;charset=utf-8", &text)
}

/// Downloads the SVG matched by `selector` as a PNG [`PNG_WIDTH`] pixels wide. The drawing
/// happens once the image has loaded; `on_error` hears about a failure then.
pub fn export_png(
    selector: &str,
    filename: &str,
    on_error: impl Fn(String) + 'static,
) -> Result<(), String> {
    let (text, w, h) = standalone_svg(selector)?;
    let url = blob_url(&text, "image/svg+xml;charset=utf-8")?;
    let img = HtmlImageElement::new().map_err(err)?;
    let scale = PNG_WIDTH / w;
    let (cw, ch) = (PNG_WIDTH.round(), (h * scale).round());
    let on_error = std::rc::Rc::new(on_error);
    let onload = {
        let (img, url, filename, on_error) = (
            img.clone(),
            url.clone(),
            filename.to_string(),
            on_error.clone(),
        );
        Closure::once_into_js(move || {
            let draw = || -> Result<(), String> {
                let canvas: HtmlCanvasElement = document()?
                    .create_element("canvas")
                    .map_err(err)?
                    .dyn_into()
                    .map_err(|_| "no <canvas>".to_string())?;
                canvas.set_width(cw as u32);
                canvas.set_height(ch as u32);
                let ctx: web_sys::CanvasRenderingContext2d = canvas
                    .get_context("2d")
                    .map_err(err)?
                    .ok_or("no 2d context")?
                    .dyn_into()
                    .map_err(|_| "no 2d context".to_string())?;
                ctx.set_fill_style_str("#ffffff");
                ctx.fill_rect(0.0, 0.0, cw, ch);
                ctx.draw_image_with_html_image_element_and_dw_and_dh(&img, 0.0, 0.0, cw, ch)
                    .map_err(err)?;
                let data = canvas.to_data_url_with_type("image/png").map_err(err)?;
                download_href(&data, &filename)
            };
            if let Err(e) = draw() {
                on_error(e);
            }
            let _ = web_sys::Url::revoke_object_url(&url);
        })
    };
    let onerror = {
        let url = url.clone();
        Closure::once_into_js(move || {
            on_error("the SVG could not be drawn as an image".to_string());
            let _ = web_sys::Url::revoke_object_url(&url);
        })
    };
    js_sys::Reflect::set(&img, &"onload".into(), &onload).map_err(err)?;
    js_sys::Reflect::set(&img, &"onerror".into(), &onerror).map_err(err)?;
    img.set_src(&url);
    Ok(())
}
