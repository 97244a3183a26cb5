//! [`Shared`]: how the panels take the scene and other big values the app rebuilds only when
//! they change.

use std::ops::Deref;
use std::rc::Rc;
use yew::html::IntoPropValue;

/// An `Rc` that compares by address first. Rust's `Rc<T>` compares a `T` that is only
/// `PartialEq` (the scene holds floats) value by value even when both sides are the same
/// allocation, so a panel's props check would walk the whole scene on every render of the
/// app; with this, an unchanged scene costs one pointer comparison.
pub struct Shared<T>(pub Rc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T: PartialEq> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0) || *self.0 == *other.0
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> From<Rc<T>> for Shared<T> {
    fn from(rc: Rc<T>) -> Self {
        Shared(rc)
    }
}

impl<T> IntoPropValue<Shared<T>> for Rc<T> {
    fn into_prop_value(self) -> Shared<T> {
        Shared(self)
    }
}
