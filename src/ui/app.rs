//! The root component: the language choice, the live cluster and the page layout.

use super::animation::use_animation_frames;
use super::components::{Controls, EventFeed, Header, Invariants, Logs, Panel, Ring};
use super::i18n::{self, t, Key};
use super::live::{LiveRaft, SEED};
use crate::core::Lang;
use yew::prelude::*;

/// The longest real-time step one animation frame may take, in ms (a tab that was in the
/// background resumes where it was instead of jumping ahead).
const MAX_FRAME_MS: f64 = 100.0;

#[component]
pub fn App() -> Html {
    let lang = use_state(i18n::load_lang);
    use_effect_with(*lang, |&l| i18n::apply_lang(l));
    let on_lang = {
        let lang = lang.clone();
        Callback::from(move |l: Lang| {
            i18n::store_lang(l);
            lang.set(l);
        })
    };

    let cluster = use_mut_ref(|| LiveRaft::new(SEED));
    let playing = use_state(|| true);
    let redraw = use_force_update();

    // While playing, every animation frame advances the cluster and redraws. A broken
    // invariant stops the run so it can be inspected.
    let on_frame = {
        let (cluster, playing, redraw) = (cluster.clone(), playing.clone(), redraw.clone());
        Callback::from(move |dt: f64| {
            let mut c = cluster.borrow_mut();
            c.advance(dt);
            if c.violation().is_some() {
                playing.set(false);
            }
            redraw.force_update();
        })
    };
    use_animation_frames(*playing, MAX_FRAME_MS, on_frame);

    let on_toggle = {
        let playing = playing.clone();
        Callback::from(move |()| playing.set(!*playing))
    };
    let on_step = {
        let (cluster, redraw) = (cluster.clone(), redraw.clone());
        Callback::from(move |()| {
            cluster.borrow_mut().step();
            redraw.force_update();
        })
    };
    let on_reset = {
        let (cluster, redraw) = (cluster.clone(), redraw.clone());
        Callback::from(move |()| {
            *cluster.borrow_mut() = LiveRaft::new(SEED);
            redraw.force_update();
        })
    };
    let on_request = {
        let (cluster, redraw) = (cluster.clone(), redraw.clone());
        Callback::from(move |()| {
            // The simulator refuses only impossible actions; a refusal leaves the run as it was.
            let _ = cluster.borrow_mut().client_request();
            redraw.force_update();
        })
    };

    let l = *lang;
    let view = cluster.borrow().view(l);
    html! {
        <ContextProvider<Lang> context={l}>
            <div class="app" data-testid="app">
                <Header {on_lang} />
                <main class="layout">
                    <Panel title={t(l, Key::RingTitle)} area="ring">
                        <Ring nodes={view.nodes.clone()} messages={view.messages} />
                    </Panel>
                    <Panel title={t(l, Key::ControlsTitle)} area="controls">
                        <Controls playing={*playing} {on_toggle} {on_step} {on_reset} {on_request}
                                  time={view.time} event_count={view.event_count}
                                  seed={view.seed} />
                    </Panel>
                    <Panel title={t(l, Key::InvariantsTitle)} area="invariants">
                        <Invariants items={view.invariants} />
                    </Panel>
                    <Panel title={t(l, Key::EventsTitle)} area="events">
                        <EventFeed lines={view.events} />
                    </Panel>
                    <Panel title={t(l, Key::LogsTitle)} area="logs">
                        <Logs nodes={view.nodes} />
                    </Panel>
                </main>
            </div>
        </ContextProvider<Lang>>
    }
}
