//! The site's images by site path, for the `image_variant` template function: themes ask
//! for a width and get the nearest variant that is made, never an upscaled one.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock, RwLock};

use super::{Format, markup};
use crate::content::Article;
use crate::site::Site;

/// One variant as a theme sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Site path.
    pub url: String,
    pub width: u32,
    pub height: u32,
    pub format: Format,
}

/// One image of the site: its article (which holds it, not a copy), its place among the
/// article's images, and the site folder its files are published in.
type Entry = (Arc<Article>, usize, String);

/// The articles with images of the site being rendered, and the map of their images by the
/// site path of their original, made when a template first asks (a build whose templates
/// never ask, or that renders few pages, makes none).
#[derive(Default)]
struct Images {
    articles: Vec<Arc<Article>>,
    by_path: OnceLock<HashMap<String, Entry>>,
}

impl Images {
    fn by_path(&self) -> &HashMap<String, Entry> {
        self.by_path.get_or_init(|| {
            let mut map = HashMap::new();
            for article in &self.articles {
                let folder = crate::content::bundle::site_folder(&article.path);
                for (at, image) in article.images().iter().enumerate() {
                    let folder = image.site_folder(&folder);
                    let path = markup::url(folder, image, &image.outputs[0]);
                    map.insert(path, (article.clone(), at, folder.to_string()));
                }
            }
            map
        })
    }
}

/// The images of the site being rendered, by the site path of their original.
#[derive(Default, Clone)]
pub struct ImageIndex(Arc<RwLock<Arc<Images>>>);

impl ImageIndex {
    /// Indexes the images of `site` (before its pages are rendered).
    pub fn set(&self, site: &Site) {
        let articles = site
            .articles
            .iter()
            .filter(|a| !a.images().is_empty())
            .cloned()
            .collect();
        let images = Images {
            articles,
            by_path: OnceLock::new(),
        };
        *self.0.write().expect("image index lock") = Arc::new(images);
    }

    /// The narrowest variant in `format` (the image's fallback format if None) at least
    /// `width` wide, else the widest; None when `path` is no image of the site.
    pub fn variant(&self, path: &str, width: u32, format: Option<Format>) -> Option<Found> {
        let images = self.0.read().expect("image index lock").clone();
        let (article, at, folder) = images.by_path().get(path)?;
        let image = &article.images()[*at];
        let format = format.unwrap_or(image.fallback);
        let offered = image.srcset_outputs(format);
        let output = offered
            .iter()
            .find(|o| o.width >= width)
            .or(offered.last())?;
        Some(Found {
            url: markup::url(folder, image, output),
            width: output.width,
            height: output.height,
            format: output.format,
        })
    }
}
