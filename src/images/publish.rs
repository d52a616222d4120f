//! Publishing the images' files: each output is put from the image cache, where it was
//! written when its article was read; the files the last build put with the same keys are
//! kept, an image's all at once when the sink can vouch for them together.

use anyhow::{Result, anyhow};
use rayon::prelude::*;

use super::{Image, cache, probe, variants};
use crate::cache::outputs::Signatures;
use crate::content::Article;
use crate::content::bundle;
use crate::site::Site;

/// Keeps a group of files of one folder at once (see `render::Sink::keep_group`).
pub type KeepGroup<'a> = dyn Fn(&str, &[String], bool) -> Result<bool> + Sync + 'a;

/// Where the outputs go (the render's sink, which this module does not know): `keep` keeps
/// the file the last build made at a path (false when it cannot), `keep_group` an image's
/// files at once, `put` stores one.
pub struct Target<'a> {
    pub keep: &'a (dyn Fn(&str) -> Result<bool> + Sync),
    pub keep_group: &'a KeepGroup<'a>,
    pub put: &'a (dyn Fn(&str, &[u8]) -> Result<()> + Sync),
}

/// Puts every image output of the site's articles into `target` (unless the one of the last
/// build, with the same key in `previous`, is kept); returns each output file with its
/// signature (its cache key).
pub fn publish(site: &Site, target: &Target, previous: &Signatures) -> Result<Vec<(String, u64)>> {
    let cache_dir = crate::cache::dir(&site.config.root);
    let jobs: Vec<(&Article, &Image)> = site
        .articles
        .iter()
        .flat_map(|a| a.images.iter().map(move |i| (a.as_ref(), i)))
        .collect();
    let done: Vec<Vec<(String, u64)>> = jobs
        .par_iter()
        .map(|&(article, image)| {
            let site_folder = bundle::site_folder(&article.path);
            let files: Vec<String> = image
                .outputs
                .iter()
                .map(|output| bundle::output_file(&site_folder, &output.name))
                .collect();
            let unchanged = files
                .iter()
                .zip(&image.outputs)
                .all(|(file, output)| previous.get(file) == Some(&output.key));
            // All of an image's files sit in its original's folder.
            let folder = files[0].rsplit_once('/').map_or("", |(folder, _)| folder);
            let kept = (target.keep_group)(folder, &files, unchanged)?;
            let signatures = files
                .iter()
                .cloned()
                .zip(image.outputs.iter().map(|o| o.key));
            if kept {
                return Ok(signatures.collect());
            }
            if !site.config.images.encode {
                // Only checked: the files are there by name, for the links to them.
                for file in &files {
                    (target.put)(file, &[])?;
                }
                return Ok(signatures.collect());
            }
            let mut remade: Option<Image> = None;
            for ((at, output), file) in image.outputs.iter().enumerate().zip(&files) {
                if previous.get(file) != Some(&output.key) || !(target.keep)(file)? {
                    let bytes = match cache::read(&cache_dir, output.key, output.format) {
                        Some(bytes) => bytes,
                        None => {
                            // The cache was cleared since the article was read.
                            if remade.is_none() {
                                remade = Some(remake(article, image, site, &cache_dir)?);
                            }
                            let key = remade.as_ref().map_or(0, |i| i.outputs[at].key);
                            cache::read(&cache_dir, key, output.format).ok_or_else(|| {
                                anyhow!("cannot write the image cache {}", cache_dir.display())
                            })?
                        }
                    };
                    (target.put)(file, &bytes)?;
                }
            }
            Ok(signatures.collect())
        })
        .collect::<Result<_>>()?;
    Ok(done.into_iter().flatten().collect())
}

/// Makes an image's outputs again from its file.
fn remake(
    article: &Article,
    image: &Image,
    site: &Site,
    cache_dir: &std::path::Path,
) -> Result<Image> {
    let folder = article.file.parent().unwrap_or(std::path::Path::new(""));
    let path = folder.join(&image.name);
    let bytes =
        crate::files::read_regular(&path).map_err(|e| anyhow!("{}: {e}", path.display()))?;
    let settings = &site.config.images;
    let probed =
        probe::probe(&bytes, settings.max_pixels).map_err(|e| anyhow!("{} {e}", path.display()))?;
    let stem = variants::variant_stem(&image.name, &article.bundle);
    let made = variants::make(&image.name, &stem, &bytes, &probed, settings, cache_dir)
        .map_err(|e| anyhow!("{}: {e}", path.display()))?;
    Ok(Image {
        outputs: made.outputs,
        ..image.clone()
    })
}

/// Whether the bundle file `name` of `article` is published by [`publish`] (an image) or
/// not at all (an SVG with active parts), rather than copied.
pub fn is_not_copied(article: &Article, name: &str, bytes: &[u8]) -> bool {
    article.images.iter().any(|i| i.name == name)
        || (name.to_ascii_lowercase().ends_with(".svg") && super::svg::active_part(bytes).is_some())
}
