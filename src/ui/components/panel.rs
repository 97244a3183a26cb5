//! A titled box that holds one area of the layout.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PanelProps {
    /// The heading, already translated.
    pub title: AttrValue,
    /// The grid area it fills (a CSS class `area-<name>`), also its test id.
    pub area: AttrValue,
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn Panel(props: &PanelProps) -> Html {
    html! {
        <section class={classes!("panel", format!("area-{}", props.area))}
                 data-testid={props.area.clone()}>
            <h2 class="panel-title">{ props.title.clone() }</h2>
            <div class="panel-body">{ props.children.clone() }</div>
        </section>
    }
}
